//! The typesetter's whole world: the document's template, its data and the
//! fonts built into terbit. Nothing else exists for it: any other path a
//! document names is "not found" inside Typst, never read from the disk, and
//! no system font is ever looked up, so a PDF is the same on every machine.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The fonts of the PDF (see `assets/fonts/README.md`).
static FONT_FILES: [&[u8]; 5] = [
    include_bytes!("../../assets/fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../../assets/fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../../assets/fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../../assets/fonts/LibertinusSerif-BoldItalic.otf"),
    include_bytes!("../../assets/fonts/DejaVuSansMono.ttf"),
];

/// What every document shares: the standard library and the fonts, read once.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The path of a file of the document's world.
fn id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the world's own paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

pub const MAIN: &str = "/document.typ";
pub const DATA: &str = "/data.json";

/// One document: its template, its data and the pictures it shows.
pub struct DocumentWorld {
    main: Source,
    data: Bytes,
    files: Vec<(FileId, Bytes)>,
    today: Datetime,
}

impl DocumentWorld {
    /// `files`: the pictures, by their path in the world (`/img/x.jpg`).
    pub fn new(
        template: &str,
        data: Vec<u8>,
        files: &[(String, Vec<u8>)],
        today: Datetime,
    ) -> DocumentWorld {
        DocumentWorld {
            main: Source::new(id(MAIN), template.to_string()),
            data: Bytes::new(data),
            files: files
                .iter()
                .filter(|(path, _)| VirtualPath::new(path).is_ok())
                .map(|(path, bytes)| (id(path), Bytes::new(bytes.clone())))
                .collect(),
            today,
        }
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, file: FileId) -> FileResult<Source> {
        if file == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(file))
        }
    }

    fn file(&self, file: FileId) -> FileResult<Bytes> {
        if file == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else if file == id(DATA) {
            Ok(self.data.clone())
        } else if let Some((_, bytes)) = self.files.iter().find(|(f, _)| *f == file) {
            Ok(bytes.clone())
        } else {
            Err(not_found(file))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(file: FileId) -> FileError {
    FileError::NotFound(file.get().vpath().get_without_slash().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst_layout::PagedDocument;

    fn compile(main: &str) -> Result<PagedDocument, String> {
        let files = [(
            "/img/a.svg".to_string(),
            b"<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>".to_vec(),
        )];
        let today = Datetime::from_ymd(2026, 1, 2).unwrap();
        let world = DocumentWorld::new(main, b"{}".to_vec(), &files, today);
        typst::compile::<PagedDocument>(&world).output.map_err(|e| {
            e.iter()
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    #[test]
    fn only_the_data_file_exists() {
        assert!(compile("#json(\"/data.json\")").is_ok());
        assert!(compile("#image(\"/img/a.svg\", alt: \"a\")").is_ok());
        for read in [
            "#read(\"/etc/passwd\")",
            "#read(\"../../../../etc/passwd\")",
            "#image(\"/etc/hostname\")",
            "#import \"/etc/x.typ\": *",
            "#include \"/document.typ.bak\"",
            "#import \"@preview/cetz:0.3.0\"",
        ] {
            let e = compile(read).expect_err(read);
            assert!(
                e.contains("not found") || e.contains("package") || e.contains("escape"),
                "{read}: {e}"
            );
        }
    }

    #[test]
    fn only_the_built_in_fonts_are_known() {
        let families: std::collections::BTreeSet<String> = SHARED
            .book
            .families()
            .map(|(name, _)| name.to_string())
            .collect();
        assert_eq!(
            families.into_iter().collect::<Vec<_>>(),
            ["DejaVu Sans Mono", "Libertinus Serif"]
        );
    }
}
