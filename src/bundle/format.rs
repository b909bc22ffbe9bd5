//! The bundle: everything an app needs from the file system, in one byte string.
//!
//! The native `bundle` command writes it; the pre-initializer inside the runtime .wasm reads it
//! (from stdin, during Wizer's initialization) and keeps its sources in the snapshot. The format
//! is private to one build of wasmedge_boa (the CLI and the .wasm it specialises must agree):
//!
//! ```text
//! magic "WBOABNDL", u32 version,
//! str main, str library_dir,
//! u32 n, n × (str path, str source)              the files, keyed by module name
//! u32 m, m × (str referrer, str specifier, u8 json)   literal dynamic imports to pre-load
//! ```
//! where `str` is a u32 byte length and UTF-8 bytes; integers are little-endian.

use std::collections::BTreeMap;

const MAGIC: &[u8; 8] = b"WBOABNDL";
const VERSION: u32 = 1;

/// A dynamic `import()` found in a bundled file whose target is bundled too.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DynamicImport {
    /// The module name of the importing file.
    pub referrer: String,
    pub specifier: String,
    /// Imported `with { type: "json" }`.
    pub json: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bundle {
    /// The main module's name: its path as given to `bundle`.
    pub main: String,
    /// The directory bare names were looked up in (`$QJS_LIB` or `modules`), as at bundle time.
    pub library_dir: String,
    /// Every file the module graph read, by the name the loader used for it.
    pub files: BTreeMap<String, String>,
    pub dynamic_imports: Vec<DynamicImport>,
}

impl Bundle {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        put_str(&mut out, &self.main);
        put_str(&mut out, &self.library_dir);
        put_len(&mut out, self.files.len());
        for (path, source) in &self.files {
            put_str(&mut out, path);
            put_str(&mut out, source);
        }
        put_len(&mut out, self.dynamic_imports.len());
        for import in &self.dynamic_imports {
            put_str(&mut out, &import.referrer);
            put_str(&mut out, &import.specifier);
            out.push(u8::from(import.json));
        }
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, String> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(MAGIC.len())? != MAGIC {
            return Err("not a wasmedge_boa bundle (bad magic)".into());
        }
        let version = reader.u32()?;
        if version != VERSION {
            return Err(format!("bundle format {version}, this runtime reads format {VERSION}"));
        }
        let main = reader.string()?;
        let library_dir = reader.string()?;
        let mut files = BTreeMap::new();
        for _ in 0..reader.u32()? {
            let path = reader.string()?;
            files.insert(path, reader.string()?);
        }
        let mut dynamic_imports = Vec::new();
        for _ in 0..reader.u32()? {
            let referrer = reader.string()?;
            let specifier = reader.string()?;
            let json = reader.take(1)?[0] != 0;
            dynamic_imports.push(DynamicImport { referrer, specifier, json });
        }
        if reader.at != bytes.len() {
            return Err("trailing bytes after the bundle".into());
        }
        Ok(Self { main, library_dir, files, dynamic_imports })
    }
}

fn put_len(out: &mut Vec<u8>, len: usize) {
    // Bundles are far below 4 GiB: the .wasm they end up in could not hold more.
    out.extend_from_slice(&(len as u32).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_len(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(len).filter(|end| *end <= self.bytes.len()).ok_or("truncated bundle")?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn string(&mut self) -> Result<String, String> {
        let len = self.u32()? as usize;
        String::from_utf8(self.take(len)?.to_vec())
            .map_err(|_| "bundle holds a name or source that is not UTF-8".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Bundle {
        let mut bundle = Bundle { main: "app.js".into(), library_dir: "modules".into(), ..Bundle::default() };
        bundle.files.insert("app.js".into(), "import './lib/a.js';\n".into());
        bundle.files.insert("data.json".into(), "{\"ü\": 1}".into());
        bundle.dynamic_imports.push(DynamicImport {
            referrer: "app.js".into(),
            specifier: "./x.js".into(),
            json: false,
        });
        bundle
    }

    #[test]
    fn round_trips() {
        let bundle = sample();
        assert_eq!(Bundle::decode(&bundle.encode()), Ok(bundle));
    }

    #[test]
    fn rejects_damaged_input() {
        let bytes = sample().encode();
        assert!(Bundle::decode(&bytes[..bytes.len() - 3]).unwrap_err().contains("truncated"));
        assert!(Bundle::decode(b"not a bundle at all").unwrap_err().contains("magic"));
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Bundle::decode(&longer).unwrap_err().contains("trailing"));
        let mut other_version = bytes;
        other_version[8] = 99;
        assert!(Bundle::decode(&other_version).unwrap_err().contains("format 99"));
    }
}
