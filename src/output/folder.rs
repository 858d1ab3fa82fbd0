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

/// What a name in a folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Folder,
    File,
    /// A symbolic link, a socket, a device...
    Other,
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

    /// Opens the existing folder `path`, refusing a symbolic link in its
    /// place (see [`Folder::open_dir`]).
    pub fn open_nofollow(path: &Path) -> io::Result<Folder> {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Err(io::ErrorKind::InvalidInput.into());
        };
        let name = name.to_str().ok_or(io::ErrorKind::InvalidInput)?;
        Folder::open(parent)?.open_dir(name)
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

    /// Creates the file `rel`, whose folder exists, and writes `bytes` into
    /// it. A file already there is an error: a build never writes into a
    /// file, which the site being served may share (see [`Folder::holds`]).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.create_file(rel)?.write_all(bytes)
    }

    /// Opens the folder `name` inside this one; a symbolic link is refused,
    /// never followed.
    pub fn open_dir(&self, name: &str) -> io::Result<Folder> {
        #[cfg(unix)]
        {
            let flags = libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW;
            let handle = self.open_at(name, flags)?;
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

    /// Whether the file `rel` inside this folder is exactly what writing
    /// `bytes` there would make: a regular file reached through no symbolic
    /// link, owned by this user, with the mode a new file gets, holding
    /// `bytes`, and with no other name (but one: the file at `rel` in
    /// `also_in`, when given, if that is the same file). Any doubt or error
    /// is `false`; so is every file on systems other than Linux.
    pub fn holds(&self, rel: &str, bytes: &[u8], also_in: Option<&Folder>) -> bool {
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::fs::MetadataExt;
            let Ok(file) = self.open_beneath(rel) else {
                return false;
            };
            let Some(mode) = mode_made(0o666) else {
                return false;
            };
            // SAFETY: geteuid has no preconditions and cannot fail.
            let user = unsafe { libc::geteuid() };
            let Ok(m) = file.metadata() else {
                return false;
            };
            let names = match m.nlink() {
                1 => true,
                2 => also_in.is_some_and(|other| other.is_file_at(rel, m.dev(), m.ino())),
                _ => false,
            };
            names
                && m.is_file()
                && m.len() == bytes.len() as u64
                && m.uid() == user
                && m.mode() & 0o7777 == mode
                && same_bytes(file, bytes)
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (rel, bytes, also_in);
            false
        }
    }

    /// Whether this folder is as a build makes one: owned by this user,
    /// with the mode a new folder gets. `false` on systems other than Linux.
    pub fn is_as_made(&self) -> bool {
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::fs::MetadataExt;
            // SAFETY: geteuid has no preconditions and cannot fail.
            let user = unsafe { libc::geteuid() };
            let mode = mode_made(0o777);
            self.handle
                .metadata()
                .is_ok_and(|m| m.is_dir() && m.uid() == user && Some(m.mode() & 0o7777) == mode)
        }
        #[cfg(not(target_os = "linux"))]
        false
    }

    /// The names in this folder with what each is, as the listing says,
    /// following nothing. An error where the listing cannot say (a file
    /// system that does not tell kinds apart, a name that is not UTF-8) and
    /// on systems other than Linux.
    pub fn entries(&self) -> io::Result<Vec<(String, Entry)>> {
        #[cfg(target_os = "linux")]
        {
            // A second descriptor of the same folder, for the listing to own.
            list(self.handle.try_clone()?)
        }
        #[cfg(not(target_os = "linux"))]
        Err(io::ErrorKind::Unsupported.into())
    }

    /// Gives the file `rel` of the folder `from` a second name: `rel` in
    /// this one, whose folders exist.
    pub fn link_from(&self, from: &Folder, rel: &str) -> io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            let source = from.handle.as_raw_fd();
            // SAFETY: two open folders' descriptors and a NUL-terminated path;
            // flags 0: a symbolic link at the end of `rel` would be linked, not
            // followed (the caller has checked the way there, see `holds`).
            self.call_at(rel, |dir, path| unsafe {
                libc::linkat(source, path, dir, path, 0)
            })
        }
        #[cfg(not(unix))]
        fs::hard_link(from.path.join(rel), self.path.join(rel))
    }

    /// Removes the file (or, with `dir`, the empty folder) `name` inside this one.
    pub fn remove(&self, name: &str, dir: bool) -> io::Result<()> {
        #[cfg(unix)]
        {
            let flags = if dir { libc::AT_REMOVEDIR } else { 0 };
            // SAFETY: an open folder's descriptor and a NUL-terminated path.
            self.call_at(name, |fd, path| unsafe { libc::unlinkat(fd, path, flags) })
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
        // SAFETY: an open folder's descriptor and a NUL-terminated path.
        self.call_at(rel, |fd, path| unsafe { libc::mkdirat(fd, path, 0o777) })
    }

    #[cfg(not(unix))]
    fn make_dir(&self, rel: &str) -> io::Result<()> {
        fs::create_dir(self.path.join(rel))
    }

    #[cfg(unix)]
    fn create_file(&self, rel: &str) -> io::Result<fs::File> {
        self.open_at(rel, libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL)
    }

    /// Opens `rel` inside this folder with `flags` (a file it creates gets
    /// the usual 0666 less the umask).
    #[cfg(unix)]
    fn open_at(&self, rel: &str, flags: libc::c_int) -> io::Result<fs::File> {
        // SAFETY: an open folder's descriptor and a NUL-terminated path.
        self.open_by(rel, |dir, path| unsafe {
            libc::openat(dir, path, flags | libc::O_CLOEXEC, 0o666)
        })
    }

    /// Opens `rel` inside this folder to read, refusing a symbolic link
    /// anywhere on the way and any path that leads out of the folder.
    #[cfg(target_os = "linux")]
    fn open_beneath(&self, rel: &str) -> io::Result<fs::File> {
        /// The kernel's `struct open_how`.
        #[repr(C)]
        struct OpenHow {
            flags: u64,
            mode: u64,
            resolve: u64,
        }
        let how = OpenHow {
            // Non-blocking: a FIFO in a file's place must not stall the build.
            flags: (libc::O_RDONLY | libc::O_CLOEXEC | libc::O_NOFOLLOW | libc::O_NONBLOCK) as u64,
            mode: 0,
            resolve: libc::RESOLVE_BENEATH | libc::RESOLVE_NO_SYMLINKS,
        };
        // SAFETY: an open folder's descriptor, a NUL-terminated path and an
        // `open_how` of the size given; the result is a new descriptor or -1.
        self.open_by(rel, |dir, path| unsafe {
            let how = &how as *const OpenHow;
            libc::syscall(
                libc::SYS_openat2,
                dir,
                path,
                how,
                std::mem::size_of::<OpenHow>(),
            ) as libc::c_int
        })
    }

    /// Whether `rel` inside this folder names the file `ino` of device `dev`
    /// (a symbolic link in its place is not followed; one on the way is).
    #[cfg(target_os = "linux")]
    fn is_file_at(&self, rel: &str, dev: u64, ino: u64) -> bool {
        let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: an open folder's descriptor, a NUL-terminated path and room for one `stat`.
        let found = self.call_at(rel, |dir, path| unsafe {
            libc::fstatat(dir, path, stat.as_mut_ptr(), libc::AT_SYMLINK_NOFOLLOW)
        });
        // SAFETY: fstatat filled `stat` when it succeeded.
        found.is_ok() && {
            let stat = unsafe { stat.assume_init() };
            stat.st_dev == dev && stat.st_ino == ino
        }
    }

    /// Opens `rel` inside this folder with `open` (given the folder's
    /// descriptor and the path as a C string, it returns a new descriptor or
    /// -1), owning what it opened.
    #[cfg(unix)]
    fn open_by(
        &self,
        rel: &str,
        open: impl FnOnce(libc::c_int, *const libc::c_char) -> libc::c_int,
    ) -> io::Result<fs::File> {
        use std::os::fd::FromRawFd;
        let mut fd = -1;
        self.call_at(rel, |dir, path| {
            fd = open(dir, path);
            fd
        })?;
        // SAFETY: `fd` was just opened and nothing else owns it.
        Ok(unsafe { fs::File::from_raw_fd(fd) })
    }

    /// Calls `f` with this folder's descriptor and `rel` as a C string; a
    /// negative result is the error in `errno`.
    #[cfg(unix)]
    fn call_at(
        &self,
        rel: &str,
        f: impl FnOnce(libc::c_int, *const libc::c_char) -> libc::c_int,
    ) -> io::Result<()> {
        use std::os::fd::AsRawFd;
        let path = std::ffi::CString::new(rel)?;
        match f(self.handle.as_raw_fd(), path.as_ptr()) {
            status if status < 0 => Err(io::Error::last_os_error()),
            _ => Ok(()),
        }
    }

    #[cfg(not(unix))]
    fn create_file(&self, rel: &str) -> io::Result<fs::File> {
        fs::File::create_new(self.path.join(rel))
    }
}

/// The names in the open folder `handle` (which the listing takes over and
/// closes) with what each is.
#[cfg(target_os = "linux")]
fn list(handle: fs::File) -> io::Result<Vec<(String, Entry)>> {
    use std::os::fd::IntoRawFd;
    /// A listing of a folder, closed when dropped.
    struct Stream(*mut libc::DIR);
    impl Drop for Stream {
        fn drop(&mut self) {
            // SAFETY: a stream fdopendir opened and nothing else closes.
            unsafe { libc::closedir(self.0) };
        }
    }
    let fd = handle.into_raw_fd();
    // SAFETY: `fd` is an open folder, owned by the stream from here on.
    let dir = unsafe { libc::fdopendir(fd) };
    if dir.is_null() {
        let e = io::Error::last_os_error();
        // SAFETY: fdopendir failed, so `fd` is still ours to close.
        unsafe { libc::close(fd) };
        return Err(e);
    }
    let stream = Stream(dir);
    // The descriptors share one position: start from the first name.
    // SAFETY: an open stream.
    unsafe { libc::rewinddir(stream.0) };
    let mut names = Vec::new();
    loop {
        // SAFETY: errno is this thread's; cleared to tell the end from an error.
        unsafe { *libc::__errno_location() = 0 };
        // SAFETY: an open stream; the entry is read before the next call.
        let entry = unsafe { libc::readdir(stream.0) };
        if entry.is_null() {
            let e = io::Error::last_os_error();
            return match e.raw_os_error() {
                Some(0) => Ok(names),
                _ => Err(e),
            };
        }
        // SAFETY: readdir returned a valid entry with a NUL-terminated name.
        let (name, kind) = unsafe {
            (
                std::ffi::CStr::from_ptr((*entry).d_name.as_ptr()),
                (*entry).d_type,
            )
        };
        let name = name.to_bytes();
        if name == b"." || name == b".." {
            continue;
        }
        let kind = match kind {
            libc::DT_DIR => Entry::Folder,
            libc::DT_REG => Entry::File,
            libc::DT_UNKNOWN => return Err(io::ErrorKind::Unsupported.into()),
            _ => Entry::Other,
        };
        let name =
            std::str::from_utf8(name).map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?;
        names.push((name.to_string(), kind));
    }
}

/// The mode of a file or folder this process creates with `asked` (0666,
/// 0777): less the umask, read from `/proc` (asking the kernel for it would
/// change it for every thread for a moment). `None` when it cannot be known.
#[cfg(target_os = "linux")]
fn mode_made(asked: u32) -> Option<u32> {
    static UMASK: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    let umask = UMASK.get_or_init(|| {
        let status = fs::read_to_string("/proc/self/status").ok()?;
        let umask = status.lines().find_map(|l| l.strip_prefix("Umask:"))?;
        u32::from_str_radix(umask.trim(), 8).ok()
    });
    umask.map(|umask| asked & !umask)
}

/// Whether `file`, whose length is that of `bytes`, holds exactly `bytes`
/// (read up to that length: no last call to find its end).
#[cfg(target_os = "linux")]
fn same_bytes(mut file: fs::File, bytes: &[u8]) -> bool {
    use std::io::Read;
    let mut buf = [0u8; 32 * 1024];
    let mut at = 0;
    while at < bytes.len() {
        let want = (bytes.len() - at).min(buf.len());
        match file.read(&mut buf[..want]) {
            Ok(0) => return false,
            Ok(n) if bytes[at..at + n] == buf[..n] => at += n,
            Ok(_) => return false,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn lists_files_folders_and_the_rest_without_following_links() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("en")).unwrap();
        fs::write(dir.path().join("index.html"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("en"), dir.path().join("link")).unwrap();
        let mut names = Folder::open(dir.path()).unwrap().entries().unwrap();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let expected = [
            ("en", Entry::Folder),
            ("index.html", Entry::File),
            ("link", Entry::Other),
        ];
        let expected: Vec<(String, Entry)> =
            expected.iter().map(|(n, k)| (n.to_string(), *k)).collect();
        assert_eq!(names, expected);
    }

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
        // Never written into: removed first, then written anew.
        assert!(
            folder
                .write("en/programmes/x/index.html", b"<p>x2</p>")
                .is_err()
        );
        folder.remove("en/programmes/x/index.html", false).unwrap();
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
