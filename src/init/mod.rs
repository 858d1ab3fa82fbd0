//! `terbit init DIR`: a small, working bilingual plan site to start from.
//!
//! Six pillars with one programme each, a stakeholder directory with one
//! office, a timeline event and a news article, in Indonesian and English.
//! It builds as it is; comms staff replace the text with their city's.
//! Beside it, the CI definitions that publish it from GitHub or GitLab
//! ([`publish`]).

pub mod publish;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// (id, Indonesian title, English title, programme id, Indonesian programme, English programme)
const PILLARS: [(&str, &str, &str, &str, &str, &str); 6] = [
    (
        "smart-governance",
        "Tata Kelola Cerdas",
        "Smart Governance",
        "satu-data",
        "Satu Data Kota",
        "One City Data",
    ),
    (
        "smart-branding",
        "Citra Kota Cerdas",
        "Smart Branding",
        "portal-wisata",
        "Portal Wisata Kota",
        "City Tourism Portal",
    ),
    (
        "smart-economy",
        "Ekonomi Cerdas",
        "Smart Economy",
        "umkm-digital",
        "UMKM Go Digital",
        "Small Business Goes Digital",
    ),
    (
        "smart-living",
        "Kehidupan Cerdas",
        "Smart Living",
        "layanan-kesehatan-daring",
        "Layanan Kesehatan Daring",
        "Online Health Services",
    ),
    (
        "smart-society",
        "Masyarakat Cerdas",
        "Smart Society",
        "literasi-digital",
        "Literasi Digital Warga",
        "Digital Literacy for Citizens",
    ),
    (
        "smart-environment",
        "Lingkungan Cerdas",
        "Smart Environment",
        "bank-sampah",
        "Bank Sampah Digital",
        "Digital Waste Bank",
    ),
];

const CONFIG: &str = r#"base_url = "https://smartcity.example.go.id"
default_language = "id"
theme = "kota"

[languages.id]
title = "Master Plan Smart City"
description = "Rencana induk kota cerdas: pilar, program, jadwal dan pemangku kepentingan."

[languages.en]
title = "Smart City Master Plan"
description = "The city's smart city master plan: pillars, programmes, timeline and stakeholders."

# A draft says so on every page until the city adopts the plan; then write
# status = "adopted", adopted = <date> and decree = "<the decree's name>".
[plan]
status = "draft"
timezone = "Asia/Jakarta"   # the city's time zone: Asia/Jakarta, Asia/Makassar or Asia/Jayapura
"#;

/// (path under content/, title, front matter after the title, text) of the
/// pages that are not a pillar or a programme.
const PAGES: &[(&str, &str, &str, &str)] = &[
    (
        "_index.md",
        "Beranda",
        "",
        "**Visi:** kota yang melayani warganya dengan data dan teknologi yang terbuka.\n\nSitus ini memuat rencana induk kota cerdas: enam pilar, program-programnya, jadwal pelaksanaan, dan siapa yang bertanggung jawab.",
    ),
    (
        "_index.en.md",
        "Home",
        "",
        "**Vision:** a city that serves its citizens with open data and technology.\n\nThis site holds the smart city master plan: six pillars, their programmes, the schedule, and who is responsible.",
    ),
    (
        "pillars/_index.md",
        "Pilar",
        "slug = \"pilar\"\n",
        "Enam dimensi kota cerdas.",
    ),
    (
        "pillars/_index.en.md",
        "Pillars",
        "slug = \"pillars\"\n",
        "The six dimensions of a smart city.",
    ),
    (
        "programs/_index.md",
        "Program",
        "slug = \"program\"\n# The programmes below are examples: remove this line once they are the city's own.\nillustrative = true\n",
        "Program dan inisiatif rencana induk. Program di bawah ini masih contoh.",
    ),
    (
        "programs/_index.en.md",
        "Programmes",
        "slug = \"programmes\"\n",
        "The plan's programmes and initiatives.",
    ),
    (
        "stakeholders/_index.md",
        "Pemangku Kepentingan",
        "slug = \"pemangku-kepentingan\"\n\n[[groups]]\nid = \"dewan-smart-city\"\nname = \"Dewan Smart City\"\n\n[[groups]]\nid = \"tim-pelaksana\"\nname = \"Tim Pelaksana\"\n",
        "Siapa yang menyusun dan melaksanakan rencana.",
    ),
    (
        "stakeholders/_index.en.md",
        "Stakeholders",
        "slug = \"stakeholders\"\n\n[[groups]]\nid = \"dewan-smart-city\"\nname = \"Smart City Council\"\n\n[[groups]]\nid = \"tim-pelaksana\"\nname = \"Implementation Team\"\n",
        "Who writes and carries out the plan.",
    ),
    (
        "stakeholders/diskominfo.md",
        "Dinas Komunikasi dan Informatika",
        "kind = \"organization\"\nrole = \"Perangkat daerah urusan komunikasi dan informatika\"\ngroups = [\"tim-pelaksana\"]\n",
        "Koordinator pelaksanaan rencana induk.",
    ),
    (
        "stakeholders/diskominfo.en.md",
        "Communication and Informatics Office",
        "role = \"City office for communication and informatics\"\n",
        "Coordinates the plan's implementation.",
    ),
    (
        "timeline/_index.md",
        "Linimasa",
        "slug = \"linimasa\"\n",
        "Perjalanan penyusunan rencana.",
    ),
    (
        "timeline/_index.en.md",
        "Timeline",
        "slug = \"timeline\"\n",
        "How the plan was made.",
    ),
    (
        "timeline/penyusunan-dimulai.md",
        "Penyusunan rencana induk dimulai",
        "date = 2024-01-15\nstakeholders = [\"diskominfo\"]\n\n# Where the fact comes from: replace with the real report or decree.\n[[sources]]\nid = \"berita-pembukaan\"\ntitle = \"Penyusunan Rencana Induk Kota Cerdas Dimulai\"\npublisher = \"Nama media atau instansi\"\ndate = 2024-01-15\nurl = \"https://example.org/berita-pembukaan\"\n",
        "Tim Pelaksana mulai menyusun rencana induk.",
    ),
    (
        "timeline/penyusunan-dimulai.en.md",
        "Work on the master plan begins",
        "",
        "The Implementation Team starts writing the master plan.",
    ),
    ("news/_index.md", "Berita", "slug = \"berita\"\n", ""),
    ("news/_index.en.md", "News", "slug = \"news\"\n", ""),
    (
        "news/situs-diluncurkan.md",
        "Situs rencana induk diluncurkan",
        "date = 2024-02-01\n",
        "Warga kini dapat membaca rencana induk kota cerdas secara daring.",
    ),
    (
        "news/situs-diluncurkan.en.md",
        "Master plan website launched",
        "",
        "Citizens can now read the smart city master plan online.",
    ),
];

/// The files of the new site, by path. Its example programmes start next year.
fn files() -> Vec<(String, String)> {
    let year = jiff::Zoned::now().year() + 1;
    let mut f: Vec<(String, String)> = vec![
        ("terbit.toml".into(), CONFIG.into()),
        // The built site and the resized photos are made again from the files.
        (".gitignore".into(), "/public\n/.terbit-cache\n".into()),
    ];
    f.extend(publish::files());
    f.extend(
        PAGES
            .iter()
            .map(|(path, title, front, body)| page(path, title, front, body)),
    );
    for (i, (id, title_id, title_en, prog, prog_id, prog_en)) in PILLARS.iter().enumerate() {
        f.push(page(
            &format!("pillars/{id}.md"),
            title_id,
            &format!(
                "weight = {}\nsummary = \"Ringkasan pilar {title_id}.\"\ngoals = [\"Sasaran strategis pertama\"]\n\n[[indicators]]\nname = \"Indikator utama\"\nunit = \"%\"\nbaseline = 20\nbaseline_year = 2023\ntarget = 60\ntarget_year = 2028\n",
                i + 1
            ),
            &format!("Uraian pilar {title_id}."),
        ));
        f.push(page(
            &format!("pillars/{id}.en.md"),
            title_en,
            &format!("summary = \"Summary of the {title_en} pillar.\"\ngoals = [\"First strategic goal\"]\n\n[[indicators]]\nname = \"Main indicator\"\n"),
            &format!("About the {title_en} pillar."),
        ));
        f.push(page(
            &format!("programs/{prog}.md"),
            prog_id,
            &format!(
                "pillar = \"{id}\"\nstatus = \"planned\"\nstart = {y}\nend = {y2}\nlead = \"diskominfo\"\n\n[[budget]]\nyear = {y}\namount = 250000000\nsource = \"APBD\"\n\n[[milestones]]\ndate = {y}-06-30\ntitle = \"Tahap pertama selesai\"\n",
                y = year,
                y2 = year + 1
            ),
            "Apa yang dikerjakan, untuk siapa, dan bagaimana hasilnya diukur.",
        ));
        f.push(page(
            &format!("programs/{prog}.en.md"),
            prog_en,
            &format!("\n[[milestones]]\ndate = {year}-06-30\ntitle = \"First stage complete\"\n"),
            "What is done, for whom, and how its results are measured.",
        ));
    }
    f
}

fn page(path: &str, title: &str, front: &str, body: &str) -> (String, String) {
    (
        format!("content/{path}"),
        format!("+++\ntitle = \"{title}\"\n{front}+++\n{body}\n"),
    )
}

/// Writes a new site into `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty || !dir.is_dir() {
            return Err(Diagnostic::error(
                dir,
                "refusing to make a site here: the folder is not empty",
            )
            .with_hint("give the name of a new folder, e.g. terbit init rencana-kota"));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in files() {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::error(parent, format!("cannot create folder: {e}")))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| Diagnostic::error(&path, format!("cannot write: {e}")))?;
        written.push(path);
    }
    Ok(written)
}
