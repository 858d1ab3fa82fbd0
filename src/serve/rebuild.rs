//! Which pages to render again after some content files changed.
//!
//! First the changed pages themselves (the page being edited is the one its
//! author is looking at), then every page that shows them: the pages whose
//! last render recorded using one of them (links, titles, summaries,
//! breadcrumbs, menus: all taken through `render::view::View`), the plan
//! neighbours of their items before and after the change (a programme moved
//! to another pillar leaves one pillar's list and joins another's), and the
//! pages whose role sums up the whole plan.

use std::collections::HashSet;

use crate::index::TiVec;
use crate::plan::{PageId, Plan};

/// The pages of one rebuild, in the order they are published.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rebuild {
    /// The changed pages.
    pub first: HashSet<PageId>,
    /// The pages that show them (none of `first`).
    pub rest: HashSet<PageId>,
}

/// What to render after the pages `changed` changed in `plan` (already
/// re-planned). `uses` is what each page used when last rendered, and
/// `old_neighbours` the neighbours the changed items had before the change.
pub fn pages_to_render(
    plan: &Plan,
    uses: &TiVec<PageId, Vec<PageId>>,
    changed: &HashSet<PageId>,
    old_neighbours: &[PageId],
) -> Rebuild {
    let tree = &plan.tree;
    let mut rest: HashSet<PageId> = old_neighbours.iter().copied().collect();
    for (p, page) in tree.pages.iter_enumerated() {
        if page.role.summarises_whole_plan() {
            rest.insert(p);
        }
    }
    for &p in changed {
        rest.extend(tree.pages[p].role.neighbours(&plan.model));
    }
    for (q, used) in uses.iter_enumerated() {
        if used.iter().any(|u| changed.contains(u)) {
            rest.insert(q);
        }
    }
    rest.retain(|p| p.0 < tree.pages.len() && !changed.contains(p));
    Rebuild {
        first: changed.clone(),
        rest,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::output::memory::MemorySink;
    use crate::{BuildOptions, Scope, Site};

    /// The plan fixture, with a section two levels deep.
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/plan");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let write = |rel: &str, text: &str| {
            let path = dir.path().join("content").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("arsip/_index.md", "+++\ntitle = \"Dokumen\"\n+++\n");
        write(
            "arsip/lampiran/_index.md",
            "+++\ntitle = \"Lampiran\"\n+++\n",
        );
        write(
            "arsip/lampiran/peta.md",
            "+++\ntitle = \"Peta\"\n+++\nPeta.\n",
        );
        dir
    }

    /// Loads and renders `root`, then edits `file` and works out the rebuild.
    fn after_edit(root: &Path, file: &str, from: &str, to: &str) -> (Site, Rebuild) {
        let options = BuildOptions::new(root);
        let (mut site, _) = Site::load(&options).unwrap();
        let deps = site.render(&Scope::ALL, &MemorySink::default(), &mut Default::default());
        let key = file.trim_end_matches(".md").to_string();
        let path = root.join("content").join(file);
        let old_page = site.plan.tree.by_key[&key];
        let old_neighbours = site.plan.tree.pages[old_page]
            .role
            .neighbours(&site.plan.model);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
        let problems = site.reload_content(&[path]);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(!site.replan().has_errors());
        let changed: HashSet<PageId> = [site.plan.tree.by_key[&key]].into();
        let rebuild = pages_to_render(&site.plan, &deps.uses, &changed, &old_neighbours);
        (site, rebuild)
    }

    fn page(site: &Site, key: &str) -> PageId {
        site.plan.tree.by_key[key]
    }

    #[test]
    fn a_section_retitled_two_levels_up_rebuilds_the_pages_under_it() {
        let dir = site();
        let (site, rebuild) = after_edit(dir.path(), "arsip/_index.md", "Dokumen", "Berkas");
        assert_eq!(rebuild.first, [page(&site, "arsip/_index")].into());
        for below in ["arsip/lampiran/_index", "arsip/lampiran/peta"] {
            assert!(rebuild.rest.contains(&page(&site, below)), "{below}");
        }
        // Every page's menu shows the top-level sections.
        assert!(rebuild.rest.contains(&page(&site, "news/bimtek")));
    }

    #[test]
    fn a_renamed_stakeholder_rebuilds_what_names_it() {
        let dir = site();
        let (site, rebuild) = after_edit(
            dir.path(),
            "stakeholders/diskominfo.md",
            "title = \"",
            "title = \"Dinas ",
        );
        for shows in [
            "programs/command-center",
            "pillars/smart-governance",
            "stakeholders/budi-contoh",
            "stakeholders/_index",
        ] {
            assert!(rebuild.rest.contains(&page(&site, shows)), "{shows}");
        }
        assert!(!rebuild.rest.contains(&page(&site, "arsip/lampiran/peta")));
    }

    #[test]
    fn a_programme_moved_to_another_pillar_rebuilds_both_pillars() {
        let dir = site();
        let (site, rebuild) = after_edit(
            dir.path(),
            "programs/satu-data.md",
            "pillar = \"smart-governance\"",
            "pillar = \"smart-economy\"",
        );
        assert!(rebuild.first.contains(&page(&site, "programs/satu-data")));
        for pillar in ["pillars/smart-governance", "pillars/smart-economy"] {
            assert!(rebuild.rest.contains(&page(&site, pillar)), "{pillar}");
        }
        assert!(rebuild.rest.contains(&page(&site, "_index")));
    }
}
