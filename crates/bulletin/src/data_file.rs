//! The files a build writes for the viewer to fetch: one issue each, the catalog of the
//! archive, and the bundles of issues that search reads, one a year.
//!
//! Each file is a short header (a magic number and the format's version) and a postcard
//! payload. Its name carries a hash of the whole file (FNV-1a, 64 bits, as 16 hex digits),
//! so a name always stands for the same bytes: the files can be cached forever, and the
//! viewer checks the hash before decoding, so a file cut short by a failed upload, or another
//! build's file under this name, is reported for what it is instead of being misread.
//!
//! | file | name | payload |
//! |---|---|---|
//! | one issue | `data/<date>-<hash>.issue` | [`Issue`] |
//! | the catalog | `data/catalog-<hash>.bin` | [`crate::catalog::Catalog`] |
//! | a search bundle | `data/search-<year>-<hash>.bin` | [`Bundle`]: every issue's file of one year, whole |
//!
//! Search reads one bundle a year rather than one for the whole archive, so that a new issue
//! changes only its year's bundle: a returning reader's browser, which keeps the bundles for
//! searching offline, fetches that one again after a deployment, not the whole archive.

use core::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::model::{Date, Issue};

/// The first four bytes of every data file.
pub const MAGIC: [u8; 4] = *b"KSTW";

/// The format's version: a viewer reads only files of its own version. It changes whenever
/// the model or the payloads change shape.
pub const VERSION: u16 = 2;

/// The folder of the build that holds the data files, relative to the pages.
pub const FOLDER: &str = "data";

const HEADER_LEN: usize = MAGIC.len() + 2;

/// What kind of data file a name or a payload is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One issue.
    Issue,
    /// The catalog of the archive.
    Catalog,
    /// Every issue of one year in one file, for search.
    Search,
}

/// Why a data file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// The file's name as the page gave it.
    pub file: String,
    /// What was wrong.
    pub kind: DataErrorKind,
}

/// What was wrong with a data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataErrorKind {
    /// The name carries no hash (not a name a build writes).
    BadName,
    /// The bytes do not hash to the name: cut short, or replaced.
    Damaged {
        /// How many bytes arrived.
        len: usize,
    },
    /// Not a data file at all (an error page served in its place, say).
    NotData,
    /// A data file of another version of the reader.
    OtherVersion(u16),
    /// The payload did not decode.
    Undecodable(String),
    /// An issue file that holds another issue than the one asked for.
    WrongIssue {
        /// The date asked for.
        expected: Date,
        /// The date the file holds.
        found: Date,
    },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = &self.file;
        match &self.kind {
            DataErrorKind::BadName => write!(f, "{file}: not the name of a data file of this reader"),
            DataErrorKind::Damaged { len } => write!(
                f,
                "{file}: the file is damaged ({len} bytes that do not match its name): it was cut short or replaced"
            ),
            DataErrorKind::NotData => write!(f, "{file}: the server sent something that is not a data file"),
            DataErrorKind::OtherVersion(version) => write!(
                f,
                "{file}: the file is of another version of the reader (format {version}, this reader reads {VERSION})"
            ),
            DataErrorKind::Undecodable(why) => write!(f, "{file}: the file could not be read: {why}"),
            DataErrorKind::WrongIssue { expected, found } => write!(
                f,
                "{file}: the file holds the issue of {}, not {}",
                found.iso(),
                expected.iso()
            ),
        }
    }
}

/// FNV-1a, 64 bits: cheap enough to check every file the viewer fetches, and stable across
/// compilers and platforms (unlike std's hasher), since the build and the viewer must agree.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The name a build gives a data file of `kind` with these bytes; `date` names an issue's, and
/// a search bundle's year.
pub fn file_name(kind: Kind, date: Option<Date>, bytes: &[u8]) -> String {
    let hash = content_hash(bytes);
    match (kind, date) {
        (Kind::Issue, Some(date)) => format!("{FOLDER}/{}-{hash:016x}.issue", date.iso()),
        (Kind::Issue, None) => format!("{FOLDER}/issue-{hash:016x}.issue"),
        (Kind::Catalog, _) => format!("{FOLDER}/catalog-{hash:016x}.bin"),
        (Kind::Search, Some(date)) => format!("{FOLDER}/search-{}-{hash:016x}.bin", date.year),
        (Kind::Search, None) => format!("{FOLDER}/search-{hash:016x}.bin"),
    }
}

/// The hash a file name carries: the 16 hex digits before its extension.
pub fn hash_in_name(name: &str) -> Option<u64> {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let digits = stem.rsplit_once('-')?.1;
    if digits.len() != 16 || !digits.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return None;
    }
    u64::from_str_radix(digits, 16).ok()
}

/// A payload with its header.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(1024);
    bytes.extend_from_slice(&MAGIC);
    bytes.extend_from_slice(&VERSION.to_le_bytes());
    let payload = postcard::to_allocvec(value).map_err(|error| error.to_string())?;
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// Checks `bytes` against the hash in `file`'s name and its header, then decodes the payload.
pub fn decode<T: DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T, DataError> {
    let error = |kind| DataError {
        file: file.to_string(),
        kind,
    };
    let Some(expected) = hash_in_name(file) else {
        return Err(error(DataErrorKind::BadName));
    };
    if bytes.get(..MAGIC.len()) != Some(&MAGIC[..]) {
        return Err(error(DataErrorKind::NotData));
    }
    if content_hash(bytes) != expected {
        return Err(error(DataErrorKind::Damaged { len: bytes.len() }));
    }
    decode_unchecked(bytes).map_err(error)
}

/// Decodes a file whose bytes are already trusted (the header is still checked).
fn decode_unchecked<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DataErrorKind> {
    if bytes.get(..MAGIC.len()) != Some(&MAGIC[..]) || bytes.len() < HEADER_LEN {
        return Err(DataErrorKind::NotData);
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != VERSION {
        return Err(DataErrorKind::OtherVersion(version));
    }
    postcard::from_bytes(&bytes[HEADER_LEN..]).map_err(|error| DataErrorKind::Undecodable(error.to_string()))
}

/// Decodes an issue's file and checks that it holds the issue of `date`.
pub fn decode_issue(file: &str, bytes: &[u8], date: Date) -> Result<Issue, DataError> {
    let issue: Issue = decode(file, bytes)?;
    if issue.meta.date != date {
        return Err(DataError {
            file: file.to_string(),
            kind: DataErrorKind::WrongIssue {
                expected: date,
                found: issue.meta.date,
            },
        });
    }
    Ok(issue)
}

/// One issue's file inside a search bundle, whole, with the name it has on its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BundledFile {
    /// The issue's date.
    pub date: Date,
    /// The issue file's own name (`data/<date>-<hash>.issue`).
    pub file: String,
    /// The issue file's bytes.
    pub bytes: Vec<u8>,
}

/// The files of the issues of one year, newest first: what search reads. The viewer decodes the
/// outer list at once and each issue when it gets to it, a few at a time, so no single task
/// decodes the whole archive.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// The issues' files, newest first.
    pub files: Vec<BundledFile>,
}

impl BundledFile {
    /// Decodes the bundled issue, checking it as if it had been fetched on its own.
    pub fn issue(&self) -> Result<Issue, DataError> {
        decode_issue(&self.file, &self.bytes, self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meta;

    fn issue(day: u8) -> Issue {
        Issue {
            meta: Meta {
                series: "중국 과학기술 정책 주간동향".into(),
                series_en: None,
                date: Date {
                    year: 2023,
                    month: 7,
                    day,
                },
                publisher: "한중과학기술협력센터".into(),
                publisher_en: None,
                notice: None,
            },
            contents: Vec::new(),
            summary: Vec::new(),
            parts: Vec::new(),
            colophon: Vec::new(),
        }
    }

    fn written(issue: &Issue) -> (String, Vec<u8>) {
        let bytes = encode(issue).unwrap_or_default();
        (file_name(Kind::Issue, Some(issue.meta.date), &bytes), bytes)
    }

    #[test]
    fn fnv_matches_its_reference_values() {
        assert_eq!(content_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(content_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(content_hash(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn names_carry_the_date_and_the_hash() {
        let (name, bytes) = written(&issue(7));
        let hash = content_hash(&bytes);
        assert_eq!(name, format!("data/2023-07-07-{hash:016x}.issue"));
        assert_eq!(hash_in_name(&name), Some(hash));
        assert_eq!(hash_in_name("data/catalog-00000000000000ff.bin"), Some(255));
        assert_eq!(hash_in_name("data/2023-07-07.issue"), None);
        assert_eq!(hash_in_name("data/x-ABCDEF0123456789.bin"), None);
    }

    #[test]
    fn an_issue_round_trips() {
        let original = issue(7);
        let (name, bytes) = written(&original);
        assert_eq!(decode_issue(&name, &bytes, original.meta.date), Ok(original));
    }

    #[track_caller]
    fn check_error(name: &str, bytes: &[u8], date: Date, expected: DataErrorKind) {
        match decode_issue(name, bytes, date) {
            Err(error) => assert_eq!(error.kind, expected, "{error}"),
            Ok(_) => panic!("{name} decoded"),
        }
    }

    #[test]
    fn a_file_cut_short_is_damaged() {
        let (name, bytes) = written(&issue(7));
        let cut = &bytes[..bytes.len() - 3];
        check_error(
            &name,
            cut,
            issue(7).meta.date,
            DataErrorKind::Damaged { len: cut.len() },
        );
    }

    #[test]
    fn another_builds_file_under_this_name_is_damaged() {
        let (name, _) = written(&issue(7));
        let (_, other) = written(&issue(14));
        check_error(
            &name,
            &other,
            issue(7).meta.date,
            DataErrorKind::Damaged { len: other.len() },
        );
    }

    #[test]
    fn an_error_page_is_not_data() {
        let (name, _) = written(&issue(7));
        check_error(&name, b"<!DOCTYPE html>", issue(7).meta.date, DataErrorKind::NotData);
    }

    #[test]
    fn another_version_is_named() {
        let mut bytes = encode(&issue(7)).unwrap_or_default();
        bytes[4] = 99;
        let name = file_name(Kind::Issue, Some(issue(7).meta.date), &bytes);
        check_error(&name, &bytes, issue(7).meta.date, DataErrorKind::OtherVersion(99));
    }

    #[test]
    fn a_file_of_another_issue_is_refused() {
        let (name, bytes) = written(&issue(14));
        check_error(
            &name,
            &bytes,
            issue(7).meta.date,
            DataErrorKind::WrongIssue {
                expected: issue(7).meta.date,
                found: issue(14).meta.date,
            },
        );
    }

    #[test]
    fn errors_say_which_file_and_what() {
        let error = DataError {
            file: "data/2023-07-07-0011223344556677.issue".into(),
            kind: DataErrorKind::Damaged { len: 12 },
        };
        assert_eq!(
            error.to_string(),
            "data/2023-07-07-0011223344556677.issue: the file is damaged (12 bytes that do not match its name): it was cut short or replaced"
        );
    }

    #[test]
    fn a_bundle_holds_each_issue_file_whole() {
        let (name, bytes) = written(&issue(7));
        let bundle = Bundle {
            files: vec![BundledFile {
                date: issue(7).meta.date,
                file: name,
                bytes,
            }],
        };
        let encoded = encode(&bundle).unwrap_or_default();
        let file = file_name(Kind::Search, Some(issue(7).meta.date), &encoded);
        assert!(file.starts_with("data/search-2023-"), "{file}");
        assert_eq!(hash_in_name(&file), Some(content_hash(&encoded)));
        let decoded: Bundle = decode(&file, &encoded).unwrap_or_default();
        assert_eq!(decoded.files[0].issue(), Ok(issue(7)));
    }
}
