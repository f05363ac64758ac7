//! A problem in a content file (a flow, a locale, a measure, the safety data), printed as
//! `file:line: step-id: problem` so a service can find and fix it before deploying. A leaf:
//! every loader uses it (with [`Lines`] to find a line and [`files_in`] to list a folder), and
//! it depends on nothing of linkup's.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem in a content file, printed as `file:line: step-id: problem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub step: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(file: &Path, line: usize, step: Option<&str>, message: impl Into<String>) -> Problem {
        Problem { file: file.to_path_buf(), line, step: step.map(str::to_string), message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file.display(), self.line)?;
        if let Some(step) = &self.step {
            write!(f, "{step}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Byte offsets to 1-based line numbers.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// The files directly in `dir` whose name ends in `.ext`, sorted; an error if `dir` cannot be
/// read.
pub fn files_in(dir: &Path, ext: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    Ok(files)
}
