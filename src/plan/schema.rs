//! The keys of each kind of plan item, and of every page, declared once.
//!
//! The reader ([`super::read`]) takes from here which keys an item may have,
//! which are required (all reported the same way, with an example), which
//! are facts (read from the default-language file; a translation may only
//! repeat them unchanged) and which are text (read from every language's own
//! file). `terbit new` ([`crate::new`]) writes its templates from the same
//! declarations: what each key takes ([`Shape`]) and what it is for. Open
//! data publishes the model items as they serialize, and each page role's
//! context in `render/pages/` shows them: a new field is one line here, one
//! field of the model item, and its display.

use super::model::{FundingSource, StakeholderKind, Status};
use super::pages::{NEWS, PILLARS, PROGRAMS, STAKEHOLDERS, TIMELINE};

/// Whether a key's value is one for the whole plan, or per language.
#[derive(Debug, Clone, Copy)]
pub enum Holds {
    /// The same in every language: ids, statuses, years, amounts.
    Fact,
    /// Each language's file has its own: summaries, roles, names, and a
    /// file's own title, slug, aliases, update date and draft flag.
    Text,
    /// An array of tables (`[[budget]]`): its rows' keys are declared apart.
    Rows(&'static [Key]),
}

/// What a key's value is, for the comment `terbit new` writes beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A string.
    Text,
    /// A list of strings.
    Texts,
    Number,
    /// A whole number.
    Integer,
    Bool,
    /// A year: `2024`.
    Year,
    /// A year, or a date.
    YearOrDate,
    Date,
    /// A web address, a relative path or an `@/` link.
    Url,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// The id of another item.
    Id(Target),
    /// A list of ids of other items.
    Ids(Target),
    /// A table, or rows of tables.
    Table,
}

/// What an id refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Pillar,
    Stakeholder,
    /// A group declared in `stakeholders/_index.md`.
    Group,
    /// One of the same file's `[[sources]]`, by its `id`.
    Source,
}

#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub holds: Holds,
    pub shape: Shape,
    pub required: bool,
    /// A valid line for the hint when the key is missing: `start = 2024`.
    pub example: &'static str,
    /// What the key is for, when its name and shape do not say it.
    pub about: &'static str,
}

const fn fact(name: &'static str, shape: Shape, example: &'static str) -> Key {
    Key {
        name,
        holds: Holds::Fact,
        shape,
        required: false,
        example,
        about: "",
    }
}

const fn text(name: &'static str, shape: Shape, example: &'static str) -> Key {
    Key {
        holds: Holds::Text,
        ..fact(name, shape, example)
    }
}

const fn rows(name: &'static str, keys: &'static [Key], example: &'static str) -> Key {
    Key {
        holds: Holds::Rows(keys),
        ..fact(name, Shape::Table, example)
    }
}

const fn required(key: Key) -> Key {
    Key {
        required: true,
        ..key
    }
}

impl Key {
    const fn about(self, about: &'static str) -> Key {
        Key { about, ..self }
    }
}

/// The keys of one kind of plan item (beyond those every page has).
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// For messages: "a programme".
    pub what: &'static str,
    /// One line on what an item of this kind is.
    pub about: &'static str,
    pub keys: &'static [Key],
}

impl Schema {
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }
}

impl Key {
    /// Whether the whole value is one fact: a fact, or rows without text
    /// (a budget), which a translation may only repeat unchanged.
    pub fn is_fact(&self) -> bool {
        match self.holds {
            Holds::Fact => true,
            Holds::Text => false,
            Holds::Rows(keys) => keys.iter().all(|k| matches!(k.holds, Holds::Fact)),
        }
    }

    /// For a list of rows: the keys of a row.
    pub fn row_keys(&self) -> &'static [Key] {
        match self.holds {
            Holds::Rows(keys) => keys,
            Holds::Fact | Holds::Text => &[],
        }
    }
}

/// The kinds of plan item, one per plan folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pillar,
    Programme,
    Stakeholder,
    Event,
    Article,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Pillar,
        Kind::Programme,
        Kind::Stakeholder,
        Kind::Event,
        Kind::Article,
    ];

    /// The folder under `content/` that holds the items of this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Pillar => PILLARS,
            Kind::Programme => PROGRAMS,
            Kind::Stakeholder => STAKEHOLDERS,
            Kind::Event => TIMELINE,
            Kind::Article => NEWS,
        }
    }

    pub fn of_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    /// The kind of the item whose page key this is (`programs/x`), if any:
    /// a page directly in a plan folder, not the folder's own `_index`.
    pub fn of_item_key(key: &str) -> Option<Kind> {
        match key.split_once('/') {
            Some((folder, name)) if name != "_index" && !name.contains('/') => {
                Kind::of_folder(folder)
            }
            _ => None,
        }
    }

    /// The page key of item `id` of this kind.
    pub fn item_key(self, id: &str) -> String {
        format!("{}/{id}", self.folder())
    }

    pub fn schema(self) -> &'static Schema {
        match self {
            Kind::Pillar => &PILLAR,
            Kind::Programme => &PROGRAMME,
            Kind::Stakeholder => &STAKEHOLDER,
            Kind::Event => &EVENT,
            Kind::Article => &ARTICLE,
        }
    }
}

/// The keys every content file may have, whatever its folder. A plan item's
/// own declaration of one of them (`date`, `weight`) says more about it.
pub const PAGE: &[Key] = &[
    required(text("title", Shape::Text, "\"Command Center\"")),
    text("description", Shape::Text, "\"...\"")
        .about("one line for search results and link previews"),
    fact("date", Shape::Date, "2024-01-15").about("the page's date"),
    text("updated", Shape::Date, "2024-01-15")
        .about("when this file's text last changed (check reports a translation older than its source)"),
    text("draft", Shape::Bool, "true")
        .about("a draft is shown by `terbit serve` and `terbit build --drafts` only"),
    text("slug", Shape::Text, "\"...\"").about("the page's URL segment, instead of the file name"),
    fact("weight", Shape::Integer, "1").about("its place in lists, smallest first"),
    fact("template", Shape::Text, "\"page.html\"")
        .about("a template of the theme (or of templates/) to show the page with"),
    text("aliases", Shape::Texts, "[\"/old/path/\"]")
        .about("old addresses of the page, which will redirect here"),
    fact("illustrative", Shape::Bool, "true").about(
        "an example, not a decision: marked as such on its page and wherever it is listed",
    ),
    rows("sources", SOURCE, "[[sources]]")
        .about("where the page's facts come from, listed at its end; one [[sources]] per report, decree or article"),
    fact("image", Shape::Text, "\"foto.jpg\"")
        .about("the card picture and link preview: a photo beside the file, or /foto.jpg under static/"),
    text("image_alt", Shape::Text, "\"...\"").about("what the picture shows, for readers who cannot see it"),
    text("extra", Shape::Table, "[extra]").about("free-form values for the theme's templates"),
];

/// A `[[sources]]` entry.
pub const SOURCE: &[Key] = &[
    fact("id", Shape::Text, "\"readid-2023-07-05\"")
        .about("what a fact cites it by: source = \"<id>\""),
    required(fact("title", Shape::Text, "\"...\"")),
    required(fact("publisher", Shape::Text, "\"READ.ID\"")),
    fact("author", Shape::Text, "\"...\""),
    required(fact("date", Shape::Date, "2023-07-05")),
    fact("url", Shape::Url, "\"https://...\""),
    fact("quote", Shape::Text, "\"...\"").about("the exact words quoted"),
    fact("lang", Shape::Text, "\"en\"").about("its language, when not the site's default"),
];

pub const INDICATOR: &[Key] = &[
    required(text("name", Shape::Text, "\"Indeks SPBE\"")),
    fact("unit", Shape::Text, "\"indeks\""),
    fact("baseline", Shape::Number, "2.5"),
    fact("baseline_year", Shape::Year, "2022"),
    fact("target", Shape::Number, "3.5"),
    fact("target_year", Shape::Year, "2028"),
    fact("source", Shape::Id(Target::Source), "\"readid-2023-07-05\""),
];

pub const PILLAR: Schema = Schema {
    what: "a pillar",
    about: "one of the plan's dimensions, with its goals and indicators",
    keys: &[
        fact("weight", Shape::Integer, "1").about("its place among the pillars, smallest first"),
        text("summary", Shape::Text, "\"one line\"")
            .about("one line, shown with the pillar in lists"),
        text("goals", Shape::Texts, "[\"...\"]").about("the pillar's strategic goals"),
        rows("indicators", INDICATOR, "[[indicators]]")
            .about("key performance indicators, one [[indicators]] each"),
    ],
};

pub const BUDGET_ROW: &[Key] = &[
    required(fact("year", Shape::Year, "2024")),
    required(fact("amount", Shape::Integer, "1500000000")).about("rupiah"),
    fact("source", Shape::OneOf(&FundingSource::NAMES), "\"APBD\"")
        .about("where the money comes from"),
    fact("cite", Shape::Id(Target::Source), "\"apbd-2024\""),
];

pub const MILESTONE: &[Key] = &[
    required(fact("date", Shape::Date, "2024-03-01")),
    required(text("title", Shape::Text, "\"Peluncuran\"")),
    fact("done", Shape::Bool, "false"),
    fact("source", Shape::Id(Target::Source), "\"readid-2023-07-05\""),
];

pub const PROGRAMME: Schema = Schema {
    what: "a programme",
    about: "a programme or initiative of a pillar: who leads it, when, its budget and milestones",
    keys: &[
        required(fact(
            "pillar",
            Shape::Id(Target::Pillar),
            "\"smart-governance\"",
        )),
        required(fact("status", Shape::OneOf(&Status::NAMES), "\"planned\"")),
        fact("quick_win", Shape::Bool, "true")
            .about("a quick win, whose benefits show within a year or two"),
        required(fact("start", Shape::YearOrDate, "2024")),
        fact("end", Shape::YearOrDate, "2026").about("not before start"),
        required(fact(
            "lead",
            Shape::Id(Target::Stakeholder),
            "\"diskominfo\"",
        )),
        fact("partners", Shape::Ids(Target::Stakeholder), "[\"bappeda\"]"),
        rows("budget", BUDGET_ROW, "[[budget]]")
            .about("the budget, one [[budget]] row per year and funding source"),
        rows("milestones", MILESTONE, "[[milestones]]")
            .about("dated steps, one [[milestones]] each"),
    ],
};

pub const STAKEHOLDER: Schema = Schema {
    what: "a stakeholder",
    about: "a person or an organisation of the plan's directory",
    keys: &[
        fact(
            "kind",
            Shape::OneOf(&StakeholderKind::NAMES),
            "\"organization\"",
        )
        .about("organization when left out"),
        text("role", Shape::Text, "\"Kepala Dinas\"")
            .about("their position, or what the organisation does"),
        fact(
            "organization",
            Shape::Id(Target::Stakeholder),
            "\"diskominfo\"",
        )
        .about("the organisation a person belongs to"),
        fact("groups", Shape::Ids(Target::Group), "[\"tim-pelaksana\"]"),
        fact("email", Shape::Text, "\"...\"").about("contact details, shown on their page"),
        fact("phone", Shape::Text, "\"...\""),
        fact("website", Shape::Url, "\"https://...\""),
        fact("address", Shape::Text, "\"...\""),
    ],
};

pub const EVENT: Schema = Schema {
    what: "a timeline event",
    about: "a dated event of the plan's life: an assessment, a decree, a workshop",
    keys: &[
        required(fact("date", Shape::Date, "2023-07-05")),
        fact("before", Shape::Bool, "true").about("listed before the other events of its day"),
        fact(
            "pillars",
            Shape::Ids(Target::Pillar),
            "[\"smart-governance\"]",
        ),
        fact(
            "stakeholders",
            Shape::Ids(Target::Stakeholder),
            "[\"diskominfo\"]",
        ),
    ],
};

pub const ARTICLE: Schema = Schema {
    what: "a news article",
    about: "a dated article, in each language's news list and feed",
    keys: &[required(fact("date", Shape::Date, "2024-01-15"))],
};

/// The stakeholder directory's `_index.md`: the groups.
pub const GROUP: &[Key] = &[
    required(fact("id", Shape::Text, "\"dewan-smart-city\"")),
    required(text("name", Shape::Text, "\"Dewan Smart City\"")),
];
