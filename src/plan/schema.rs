//! The keys of each kind of plan item, declared once.
//!
//! The reader ([`super::read`]) takes from here which keys an item may have,
//! which are required (all reported the same way, with an example), which
//! are facts (read from the default-language file; a translation may only
//! repeat them unchanged) and which are text (read from every language's own
//! file). Open data publishes the model items as they serialize, and each
//! page role's context in `render/pages/` shows them: a new field is one line
//! here, one field of the model item, and its display.

/// Whether a key's value is one for the whole plan, or per language.
#[derive(Debug, Clone, Copy)]
pub enum Holds {
    /// The same in every language: ids, statuses, years, amounts.
    Fact,
    /// Written in each language: summaries, roles, names.
    Text,
    /// An array of tables (`[[budget]]`): its rows' keys are declared apart.
    Rows(&'static [Key]),
}

#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub holds: Holds,
    pub required: bool,
    /// A valid line for the hint when the key is missing: `start = 2024`.
    pub example: &'static str,
}

const fn fact(name: &'static str, example: &'static str) -> Key {
    Key {
        name,
        holds: Holds::Fact,
        required: false,
        example,
    }
}

const fn text(name: &'static str, example: &'static str) -> Key {
    Key {
        name,
        holds: Holds::Text,
        required: false,
        example,
    }
}

const fn rows(name: &'static str, keys: &'static [Key], example: &'static str) -> Key {
    Key {
        name,
        holds: Holds::Rows(keys),
        required: false,
        example,
    }
}

const fn required(key: Key) -> Key {
    Key {
        required: true,
        ..key
    }
}

/// The keys of one kind of plan item (beyond those every page has).
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// For messages: "a programme".
    pub what: &'static str,
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

pub const INDICATOR: &[Key] = &[
    required(text("name", "\"Indeks SPBE\"")),
    fact("unit", "\"indeks\""),
    fact("baseline", "2.5"),
    fact("baseline_year", "2022"),
    fact("target", "3.5"),
    fact("target_year", "2028"),
    fact("source", "\"readid-2023-07-05\""),
];

pub const PILLAR: Schema = Schema {
    what: "a pillar",
    keys: &[
        fact("weight", "1"),
        text("summary", "\"one line\""),
        text("goals", "[\"...\"]"),
        rows("indicators", INDICATOR, "[[indicators]]"),
    ],
};

pub const BUDGET_ROW: &[Key] = &[
    required(fact("year", "2024")),
    required(fact("amount", "1500000000")),
    fact("source", "\"APBD\""),
    fact("cite", "\"apbd-2024\""),
];

pub const MILESTONE: &[Key] = &[
    required(fact("date", "2024-03-01")),
    required(text("title", "\"Peluncuran\"")),
    fact("done", "false"),
    fact("source", "\"readid-2023-07-05\""),
];

pub const PROGRAMME: Schema = Schema {
    what: "a programme",
    keys: &[
        required(fact("pillar", "\"smart-governance\"")),
        required(fact("status", "\"planned\"")),
        fact("quick_win", "true"),
        required(fact("start", "2024")),
        fact("end", "2026"),
        required(fact("lead", "\"diskominfo\"")),
        fact("partners", "[\"bappeda\"]"),
        rows("budget", BUDGET_ROW, "[[budget]]"),
        rows("milestones", MILESTONE, "[[milestones]]"),
    ],
};

pub const STAKEHOLDER: Schema = Schema {
    what: "a stakeholder",
    keys: &[
        fact("kind", "\"organization\""),
        text("role", "\"Kepala Dinas\""),
        fact("organization", "\"diskominfo\""),
        fact("groups", "[\"tim-pelaksana\"]"),
        fact("email", "\"...\""),
        fact("phone", "\"...\""),
        fact("website", "\"https://...\""),
        fact("address", "\"...\""),
    ],
};

pub const EVENT: Schema = Schema {
    what: "a timeline event",
    keys: &[
        required(fact("date", "2023-07-05")),
        fact("before", "true"),
        fact("pillars", "[\"smart-governance\"]"),
        fact("stakeholders", "[\"diskominfo\"]"),
    ],
};

pub const ARTICLE: Schema = Schema {
    what: "a news article",
    keys: &[required(fact("date", "2024-01-15"))],
};

/// The stakeholder directory's `_index.md`: the groups.
pub const GROUP: &[Key] = &[
    required(fact("id", "\"dewan-smart-city\"")),
    required(text("name", "\"Dewan Smart City\"")),
];
