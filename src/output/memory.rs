//! A site held in memory: what `serve` serves and `check` inspects.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::Sink;
use crate::diagnostics::Diagnostic;
use crate::render::Output;

/// The built site: file path (relative, `/`-separated) -> bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

/// Collects the files of one render.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<Files>,
}

impl Sink for MemorySink {
    fn write(&self, output: Output) -> Result<(), Diagnostic> {
        let mut files = self
            .files
            .lock()
            .map_err(|_| Diagnostic::error(&output.path, "the build was interrupted"))?;
        if files
            .insert(output.path.clone(), output.bytes.into())
            .is_some()
        {
            return Err(Diagnostic::error(
                &output.path,
                format!("two files would be written to {}", output.path),
            )
            .with_hint("a page, an alias or a static file share this path: rename or remove one"));
        }
        Ok(())
    }
}

impl MemorySink {
    pub fn into_files(self) -> Files {
        self.files.into_inner().unwrap_or_default()
    }
}
