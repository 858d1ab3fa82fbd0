//! Files written into one folder by their paths inside it.
//!
//! On Unix the folder is held open and each call names a path from it
//! (`mkdirat`, `openat`): for each of a large site's thousands of files the
//! kernel walks `en/programmes/x/index.html`, not the whole absolute path.
//! Elsewhere the same calls take the joined path.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
#[cfg(not(unix))]
use std::path::PathBuf;

/// A folder that files are written into.
pub struct Folder {
    #[cfg(not(unix))]
    path: PathBuf,
    #[cfg(unix)]
    handle: fs::File,
}

impl Folder {
    /// Opens the existing folder `path`.
    pub fn open(path: &Path) -> io::Result<Folder> {
        Ok(Folder {
            #[cfg(not(unix))]
            path: path.to_path_buf(),
            #[cfg(unix)]
            handle: fs::File::open(path)?,
        })
    }

    /// Creates the folder `rel` (`/`-separated, inside this folder) and
    /// those above it that are missing; one that exists already is fine.
    pub fn create_dirs(&self, rel: &str) -> io::Result<()> {
        if rel.is_empty() {
            return Ok(());
        }
        match self.create_dir(rel) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(cut) = rel.rfind('/') {
                    self.create_dirs(&rel[..cut])?;
                }
                self.create_dir(rel)
            }
            other => other,
        }
    }

    /// Creates (or empties) the file `rel`, whose folder exists, and writes
    /// `bytes` into it.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.create_file(rel)?.write_all(bytes)
    }

    /// Opens the folder `name` inside this one; a symbolic link is refused,
    /// never followed.
    pub fn open_dir(&self, name: &str) -> io::Result<Folder> {
        #[cfg(unix)]
        {
            use std::os::fd::{AsRawFd, FromRawFd};
            let c = std::ffi::CString::new(name)?;
            let flags = libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC;
            // SAFETY: an open folder's descriptor and a NUL-terminated path; the
            // descriptor returned is new and owned by the `File` made from it.
            let handle = unsafe {
                let fd = libc::openat(self.handle.as_raw_fd(), c.as_ptr(), flags);
                if fd < 0 {
                    return Err(io::Error::last_os_error());
                }
                fs::File::from_raw_fd(fd)
            };
            Ok(Folder { handle })
        }
        #[cfg(not(unix))]
        {
            let path = self.path.join(name);
            match fs::symlink_metadata(&path)? {
                m if m.is_dir() => Ok(Folder { path }),
                _ => Err(io::ErrorKind::NotADirectory.into()),
            }
        }
    }

    /// Removes the file (or, with `dir`, the empty folder) `name` inside this one.
    pub fn remove(&self, name: &str, dir: bool) -> io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            let c = std::ffi::CString::new(name)?;
            let flags = if dir { libc::AT_REMOVEDIR } else { 0 };
            // SAFETY: an open folder's descriptor and a NUL-terminated path.
            match unsafe { libc::unlinkat(self.handle.as_raw_fd(), c.as_ptr(), flags) } {
                0 => Ok(()),
                _ => Err(io::Error::last_os_error()),
            }
        }
        #[cfg(not(unix))]
        match dir {
            true => fs::remove_dir(self.path.join(name)),
            false => fs::remove_file(self.path.join(name)),
        }
    }

    /// Creates one folder; one that exists already is fine.
    fn create_dir(&self, rel: &str) -> io::Result<()> {
        match self.make_dir(rel) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
            other => other,
        }
    }

    #[cfg(unix)]
    fn make_dir(&self, rel: &str) -> io::Result<()> {
        use std::os::fd::AsRawFd;
        let name = std::ffi::CString::new(rel)?;
        // SAFETY: an open folder's descriptor and a NUL-terminated path.
        let status = unsafe { libc::mkdirat(self.handle.as_raw_fd(), name.as_ptr(), 0o777) };
        match status {
            0 => Ok(()),
            _ => Err(io::Error::last_os_error()),
        }
    }

    #[cfg(not(unix))]
    fn make_dir(&self, rel: &str) -> io::Result<()> {
        fs::create_dir(self.path.join(rel))
    }

    #[cfg(unix)]
    fn create_file(&self, rel: &str) -> io::Result<fs::File> {
        use std::os::fd::{AsRawFd, FromRawFd};
        let name = std::ffi::CString::new(rel)?;
        let flags = libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC | libc::O_CLOEXEC;
        // SAFETY: an open folder's descriptor and a NUL-terminated path; the
        // descriptor returned is new and owned by the `File` made from it.
        unsafe {
            let fd = libc::openat(self.handle.as_raw_fd(), name.as_ptr(), flags, 0o666);
            if fd < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(fs::File::from_raw_fd(fd))
        }
    }

    #[cfg(not(unix))]
    fn create_file(&self, rel: &str) -> io::Result<fs::File> {
        fs::File::create(self.path.join(rel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_files_in_new_and_existing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::open(dir.path()).unwrap();
        folder.create_dirs("en/programmes/x").unwrap();
        folder.create_dirs("en/programmes/x").unwrap();
        folder.create_dirs("en/programmes/y").unwrap();
        folder
            .write("en/programmes/x/index.html", b"<p>x</p>")
            .unwrap();
        folder
            .write("en/programmes/x/index.html", b"<p>x2</p>")
            .unwrap();
        let read = |rel: &str| fs::read_to_string(dir.path().join(rel)).unwrap();
        assert_eq!(read("en/programmes/x/index.html"), "<p>x2</p>");
        assert!(dir.path().join("en/programmes/y").is_dir());
        // A file where a folder should be is an error, not a silent success.
        folder.write("en/file", b"").unwrap();
        assert!(folder.create_dirs("en/file/below").is_err());
        assert!(folder.write("missing/index.html", b"").is_err());
    }
}
