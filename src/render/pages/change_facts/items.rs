//! The changed facts of a pillar (summary, goals, indicators by name), a
//! stakeholder (kind, role, organisation, groups, contact) and a timeline
//! event (date, pillars, who took part).

use super::facts::{Facts, Shown};
use crate::plan::model::{Indicator, Pillar, Stakeholder, StakeholderKind, TimelineEvent};

pub(super) fn pillar(f: &mut Facts, a: &Pillar, b: &Pillar) {
    f.fact(
        f.s("pillar_summary"),
        f.text(&a.summary),
        f.text(&b.summary),
    );
    let lang = f.view.lang();
    let goals = |p: &Pillar| p.goals.get(lang).cloned().unwrap_or_default();
    f.rows_of("goals", &goals(a), &goals(b), |_, _, goal| {
        goal.clone().into()
    });
    indicators(f, a, b);
}

/// Indicators matched by name: the fields that moved of those on both
/// sides, whole rows for those added or removed.
fn indicators(f: &mut Facts, a: &Pillar, b: &Pillar) {
    let name = |i: &Indicator| f.text(&i.name);
    let figure = |value: Option<f64>, year: Option<i32>, unit: &str| {
        let Some(value) = value else {
            return String::new();
        };
        let mut s = f.view.g.locale.number(value);
        // `80 %` reads as a figure with a symbol, `3,5 /5` as a broken one.
        match unit.chars().next() {
            Some(c) if c.is_alphanumeric() => s = format!("{s} {unit}"),
            Some(_) => s.push_str(unit),
            None => {}
        }
        match year {
            Some(year) => format!("{s} ({year})"),
            None => s,
        }
    };
    let whole = |i: &Indicator| {
        [
            (
                f.s("baseline"),
                figure(i.baseline, i.baseline_year, &i.unit),
            ),
            (f.s("target"), figure(i.target, i.target_year, &i.unit)),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join("; ")
    };
    let mut rows = Vec::new();
    for i in &a.indicators {
        let key = format!("{} · {}", f.s("indicator"), name(i));
        match b.indicators.iter().find(|j| name(j) == name(i)) {
            Some(j) => {
                for (label, was, is) in [
                    (
                        "baseline",
                        figure(i.baseline, i.baseline_year, &i.unit),
                        figure(j.baseline, j.baseline_year, &j.unit),
                    ),
                    (
                        "target",
                        figure(i.target, i.target_year, &i.unit),
                        figure(j.target, j.target_year, &j.unit),
                    ),
                ] {
                    rows.push((format!("{key} · {}", f.s(label)), was, is));
                }
            }
            None => rows.push((key, whole(i), String::new())),
        }
    }
    for j in b
        .indicators
        .iter()
        .filter(|j| !a.indicators.iter().any(|i| name(i) == name(j)))
    {
        rows.push((
            format!("{} · {}", f.s("indicator"), name(j)),
            String::new(),
            whole(j),
        ));
    }
    for (key, was, is) in rows {
        f.fact(key, was, is);
    }
}

pub(super) fn stakeholder(f: &mut Facts, a: &Stakeholder, b: &Stakeholder) {
    let kind = |s: &Stakeholder| {
        f.s(match s.kind {
            StakeholderKind::Person => "kind_person",
            StakeholderKind::Organization => "kind_organization",
        })
    };
    f.fact(f.s("kind"), kind(a), kind(b));
    f.fact(f.s("role"), f.text(&a.role), f.text(&b.role));
    let organization = |side, s: &Stakeholder| {
        s.organization
            .as_ref()
            .map_or_else(Shown::default, |o| f.stakeholder(side, o))
    };
    let (was, is) = (organization(f.old, a), organization(f.new, b));
    f.fact(f.s("organization"), was, is);
    f.rows_of("groups", &a.groups, &b.groups, |f, side, id| {
        side.plan
            .model
            .groups
            .iter()
            .find(|g| &g.id == id)
            .map_or_else(|| id.to_string(), |g| f.text(&g.name))
            .into()
    });
    let (x, y) = (&a.contact, &b.contact);
    for (label, was, is) in [
        ("email", &x.email, &y.email),
        ("phone", &x.phone, &y.phone),
        ("website", &x.website, &y.website),
        ("address", &x.address, &y.address),
    ] {
        f.fact(
            f.s(label),
            was.clone().unwrap_or_default(),
            is.clone().unwrap_or_default(),
        );
    }
}

pub(super) fn event(f: &mut Facts, a: &TimelineEvent, b: &TimelineEvent) {
    let date = |e: &TimelineEvent| {
        let day = f.view.date(&e.date);
        if e.before {
            f.s("before_date").replace("{date}", &day)
        } else {
            day
        }
    };
    f.fact(f.s("date"), date(a), date(b));
    f.rows_of("pillars", &a.pillars, &b.pillars, |f, side, id| {
        f.pillar(side, id)
    });
    f.rows_of(
        "involved",
        &a.stakeholders,
        &b.stakeholders,
        |f, side, id| f.stakeholder(side, id),
    );
}
