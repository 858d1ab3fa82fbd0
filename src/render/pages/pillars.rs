//! The list of pillars (`pillars/`): a card per pillar.

use tera::Context;

use super::parts;
use crate::render::view::View;

pub fn add(view: &View, ctx: &mut Context) {
    ctx.insert("pillars", &parts::pillar_cards(view));
}
