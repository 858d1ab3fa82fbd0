//! A programme's changed facts: status, years, pillar, lead and partners,
//! budget rows by year and source, milestones by date and title.

use super::facts::Facts;
use crate::plan::model::{Milestone, Programme};

pub(super) fn facts(f: &mut Facts, a: &Programme, b: &Programme) {
    let view = f.view;
    f.fact(
        f.s("status"),
        view.status_label(a.status),
        view.status_label(b.status),
    );
    let years = |p: &Programme| match p.end_year() {
        end if end > p.start.year => format!("{}–{end}", p.start.year),
        _ => p.start.year.to_string(),
    };
    f.fact(f.s("years"), years(a), years(b));
    let quick_win = |p: &Programme| f.s(if p.quick_win { "yes" } else { "no" });
    f.fact(f.s("quick_win"), quick_win(a), quick_win(b));
    let (pillar_a, pillar_b) = (f.pillar(f.old, &a.pillar), f.pillar(f.new, &b.pillar));
    f.fact(f.s("pillar"), pillar_a, pillar_b);
    let (lead_a, lead_b) = (f.stakeholder(f.old, &a.lead), f.stakeholder(f.new, &b.lead));
    f.fact(f.s("lead"), lead_a, lead_b);
    f.rows_of("partners", &a.partners, &b.partners, |f, side, id| {
        f.stakeholder(side, id)
    });
    budget_rows(f, a, b);
    milestone_rows(f, a, b);
}

/// Budget rows by year and source: only those whose amount moved.
fn budget_rows(f: &mut Facts, a: &Programme, b: &Programme) {
    let mut rows: Vec<(i32, &str)> = a
        .budget
        .iter()
        .chain(&b.budget)
        .map(|l| (l.year, l.source.as_str()))
        .collect();
    rows.sort_unstable();
    rows.dedup();
    for (year, source) in rows {
        let amount = |p: &Programme| {
            p.budget
                .iter()
                .filter(|l| l.year == year && l.source.as_str() == source)
                .map(|l| f.view.money(l.amount))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let (was, is) = (amount(a), amount(b));
        f.fact(format!("{} · {year} · {source}", f.s("budget")), was, is);
    }
}

/// Milestones by date and title: added, removed, reached.
fn milestone_rows(f: &mut Facts, a: &Programme, b: &Programme) {
    let title = |m: &Milestone| f.text(&m.title);
    let state = |done: bool| {
        f.s(if done {
            "changes_reached"
        } else {
            "changes_not_reached"
        })
    };
    let same = |m: &Milestone, n: &Milestone| m.date == n.date && title(m) == title(n);
    let key = |m: &Milestone| {
        format!(
            "{} · {} · {}",
            f.s("milestone"),
            f.view.date(&m.date),
            title(m)
        )
    };
    let mut rows = Vec::new();
    for m in &a.milestones {
        let now = b.milestones.iter().find(|n| same(m, n));
        rows.push((
            key(m),
            state(m.done),
            now.map_or_else(String::new, |n| state(n.done)),
        ));
    }
    for n in b
        .milestones
        .iter()
        .filter(|n| !a.milestones.iter().any(|m| same(m, n)))
    {
        rows.push((key(n), String::new(), state(n.done)));
    }
    for (key, was, is) in rows {
        f.fact(key, was, is);
    }
}
