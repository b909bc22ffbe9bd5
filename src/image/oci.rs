//! An OCI image archive, written to the OCI image-spec (v1.1): an "image layout" (`oci-layout`,
//! `index.json`, `blobs/sha256/…`) in one tar, as `skopeo copy oci-archive:…` and
//! `ctr images import` read it. No daemon, no registry: a tar, JSON and sha256 digests.
//!
//! The image has one gzip-compressed layer holding the given files. Everything that would make
//! two builds of the same input differ (file times, owners, the config's `created`) comes from
//! one timestamp, so a fixed `SOURCE_DATE_EPOCH` gives byte-identical archives.

use std::{collections::BTreeMap, io::Write};

use flate2::{Compression, GzBuilder};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub const INDEX_MEDIA_TYPE: &str = "application/vnd.oci.image.index.v1+json";
pub const MANIFEST_MEDIA_TYPE: &str = "application/vnd.oci.image.manifest.v1+json";
pub const CONFIG_MEDIA_TYPE: &str = "application/vnd.oci.image.config.v1+json";
pub const LAYER_MEDIA_TYPE: &str = "application/vnd.oci.image.layer.v1.tar+gzip";

/// A file of the image's single layer.
pub struct LayerFile {
    /// Path inside the root filesystem, without the leading `/` (`app.wasm`).
    pub path: String,
    pub bytes: Vec<u8>,
    pub mode: u32,
}

/// What the image is: its files, how it starts, and what it tells the runtimes that run it.
pub struct ImageSpec {
    pub files: Vec<LayerFile>,
    pub os: String,
    pub architecture: String,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub env: Vec<String>,
    pub exposed_ports: Vec<u16>,
    pub working_dir: String,
    /// Put on the manifest and, as labels, on the config (where `docker inspect`/podman show them).
    pub annotations: BTreeMap<String, String>,
    /// The full reference (`registry.example.com/team/app:1.0`), recorded in `index.json`.
    pub reference: String,
    /// Seconds since the Unix epoch: the config's `created` and every file's modification time.
    pub created: u64,
    /// `created_by` of the config's one history entry.
    pub created_by: String,
}

/// The digests of what was written, for messages and tests.
#[derive(Debug, Clone)]
pub struct Written {
    pub manifest_digest: String,
    pub config_digest: String,
    pub layer_digest: String,
    /// The digest of the uncompressed layer (the config's `rootfs.diff_ids`).
    pub diff_id: String,
    pub layer_size: usize,
    pub archive_size: usize,
}

/// `sha256:<hex>` of `bytes`.
pub fn digest(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in hash {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

fn descriptor(media_type: &str, bytes: &[u8]) -> Value {
    json!({ "mediaType": media_type, "digest": digest(bytes), "size": bytes.len() })
}

/// Splits `name[:tag]` into the name and the tag (`latest` when none). A `:` inside a registry's
/// `host:port` is not a tag separator.
pub fn split_reference(reference: &str) -> (&str, &str) {
    match reference.rsplit_once(':') {
        Some((name, tag)) if !tag.contains('/') && !tag.is_empty() && !name.is_empty() => (name, tag),
        _ => (reference, "latest"),
    }
}

/// RFC 3339 (`1970-01-01T00:00:00Z`) for `seconds` since the Unix epoch, in UTC.
pub fn rfc3339(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    // Days to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest / 60 % 60, rest % 60)
}

/// A tar of `entries` (path, bytes, mode; directories end with `/` and have no bytes), owned by
/// root, all with the modification time `mtime`.
fn tar_bytes(entries: &[(&str, &[u8], u32)], mtime: u64) -> std::io::Result<Vec<u8>> {
    let mut builder = tar::Builder::new(Vec::new());
    for (path, bytes, mode) in entries {
        let mut header = tar::Header::new_ustar();
        header.set_entry_type(if path.ends_with('/') { tar::EntryType::Directory } else { tar::EntryType::Regular });
        header.set_size(bytes.len() as u64);
        header.set_mode(*mode);
        header.set_uid(0);
        header.set_gid(0);
        header.set_mtime(mtime);
        header.set_username("root")?;
        header.set_groupname("root")?;
        builder.append_data(&mut header, path, *bytes)?;
    }
    builder.into_inner()
}

fn to_json(value: &Value) -> Vec<u8> {
    // Serializing a `Value` built here cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// Writes the image archive for `spec` to `out`.
pub fn write_archive(spec: &ImageSpec, out: &mut impl Write) -> std::io::Result<Written> {
    // The layer: the files as a tar, then gzip (no name, no time in the gzip header).
    let entries: Vec<(&str, &[u8], u32)> =
        spec.files.iter().map(|file| (file.path.as_str(), file.bytes.as_slice(), file.mode)).collect();
    let layer_tar = tar_bytes(&entries, spec.created)?;
    let diff_id = digest(&layer_tar);
    let mut gzip = GzBuilder::new().mtime(0).write(Vec::new(), Compression::default());
    gzip.write_all(&layer_tar)?;
    let layer = gzip.finish()?;
    drop(layer_tar);

    let created = rfc3339(spec.created);
    let exposed: serde_json::Map<String, Value> =
        spec.exposed_ports.iter().map(|port| (format!("{port}/tcp"), json!({}))).collect();
    let mut config_section = json!({
        "Entrypoint": spec.entrypoint,
        "Env": spec.env,
        "WorkingDir": spec.working_dir,
        "Labels": spec.annotations,
    });
    if !spec.cmd.is_empty() {
        config_section["Cmd"] = json!(spec.cmd);
    }
    if !exposed.is_empty() {
        config_section["ExposedPorts"] = Value::Object(exposed);
    }
    let config = to_json(&json!({
        "created": created,
        "architecture": spec.architecture,
        "os": spec.os,
        "config": config_section,
        "rootfs": { "type": "layers", "diff_ids": [diff_id] },
        "history": [{ "created": created, "created_by": spec.created_by }],
    }));

    let mut manifest_annotations = spec.annotations.clone();
    manifest_annotations.insert("org.opencontainers.image.created".into(), created.clone());
    let manifest = to_json(&json!({
        "schemaVersion": 2,
        "mediaType": MANIFEST_MEDIA_TYPE,
        "config": descriptor(CONFIG_MEDIA_TYPE, &config),
        "layers": [descriptor(LAYER_MEDIA_TYPE, &layer)],
        "annotations": manifest_annotations,
    }));

    let (_, tag) = split_reference(&spec.reference);
    let mut manifest_descriptor = descriptor(MANIFEST_MEDIA_TYPE, &manifest);
    manifest_descriptor["platform"] = json!({ "architecture": spec.architecture, "os": spec.os });
    // `ref.name` is what `skopeo … oci-archive:file:TAG` selects; `io.containerd.image.name` is the
    // name `ctr images import` gives the image.
    manifest_descriptor["annotations"] = json!({
        "org.opencontainers.image.ref.name": tag,
        "io.containerd.image.name": spec.reference,
    });
    let index = to_json(&json!({
        "schemaVersion": 2,
        "mediaType": INDEX_MEDIA_TYPE,
        "manifests": [manifest_descriptor],
    }));
    let layout = to_json(&json!({ "imageLayoutVersion": "1.0.0" }));

    let blob_path = |bytes: &[u8]| format!("blobs/sha256/{}", &digest(bytes)[7..]);
    let (layer_path, config_path, manifest_path) = (blob_path(&layer), blob_path(&config), blob_path(&manifest));
    let archive = tar_bytes(
        &[
            ("oci-layout", &layout, 0o644),
            ("index.json", &index, 0o644),
            ("blobs/", &[], 0o755),
            ("blobs/sha256/", &[], 0o755),
            (&manifest_path, &manifest, 0o644),
            (&config_path, &config, 0o644),
            (&layer_path, &layer, 0o644),
        ],
        spec.created,
    )?;
    out.write_all(&archive)?;
    Ok(Written {
        manifest_digest: digest(&manifest),
        config_digest: digest(&config),
        layer_digest: digest(&layer),
        diff_id,
        layer_size: layer.len(),
        archive_size: archive.len(),
    })
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn spec() -> ImageSpec {
        ImageSpec {
            files: vec![LayerFile { path: "app.wasm".into(), bytes: b"\0asm\x01\0\0\0".to_vec(), mode: 0o755 }],
            os: "wasi".into(),
            architecture: "wasm".into(),
            entrypoint: vec!["/app.wasm".into()],
            cmd: vec!["--flag".into()],
            env: vec!["PORT=8080".into()],
            exposed_ports: vec![8080],
            working_dir: "/".into(),
            annotations: BTreeMap::from([("module.wasm.image/variant".into(), "compat-smart".into())]),
            reference: "registry.example.com:5000/team/app:1.2".into(),
            created: 1_700_000_000,
            created_by: "test".into(),
        }
    }

    /// The archive's members by path.
    fn members(archive: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        for entry in tar::Archive::new(archive).entries().unwrap() {
            let mut entry = entry.unwrap();
            let path = entry.path().unwrap().to_string_lossy().into_owned();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            out.insert(path, bytes);
        }
        out
    }

    #[test]
    fn every_blob_is_named_by_its_digest_and_the_descriptors_match() {
        let mut archive = Vec::new();
        let written = write_archive(&spec(), &mut archive).unwrap();
        let files = members(&archive);
        for (path, bytes) in &files {
            if let Some(hex) = path.strip_prefix("blobs/sha256/").filter(|h| !h.is_empty()) {
                assert_eq!(digest(bytes), format!("sha256:{hex}"), "{path}");
            }
        }
        let index: Value = serde_json::from_slice(&files["index.json"]).unwrap();
        let entry = &index["manifests"][0];
        assert_eq!(entry["digest"], written.manifest_digest.as_str());
        assert_eq!(entry["annotations"]["org.opencontainers.image.ref.name"], "1.2");
        assert_eq!(entry["platform"]["os"], "wasi");
        let manifest = &files[&format!("blobs/sha256/{}", &written.manifest_digest[7..])];
        assert_eq!(entry["size"], manifest.len());
        let manifest: Value = serde_json::from_slice(manifest).unwrap();
        assert_eq!(manifest["annotations"]["module.wasm.image/variant"], "compat-smart");
        assert_eq!(manifest["layers"][0]["digest"], written.layer_digest.as_str());
        let config: Value =
            serde_json::from_slice(&files[&format!("blobs/sha256/{}", &written.config_digest[7..])]).unwrap();
        assert_eq!(config["architecture"], "wasm");
        assert_eq!(config["config"]["Entrypoint"][0], "/app.wasm");
        assert_eq!(config["config"]["ExposedPorts"]["8080/tcp"], json!({}));
        assert_eq!(config["created"], "2023-11-14T22:13:20Z");

        // The diff id is the digest of the uncompressed layer, which holds the file.
        let layer = &files[&format!("blobs/sha256/{}", &written.layer_digest[7..])];
        let mut tar_bytes = Vec::new();
        flate2::read::GzDecoder::new(layer.as_slice()).read_to_end(&mut tar_bytes).unwrap();
        assert_eq!(config["rootfs"]["diff_ids"][0], digest(&tar_bytes).as_str());
        assert_eq!(members(&tar_bytes)["app.wasm"], b"\0asm\x01\0\0\0");
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let (mut first, mut second) = (Vec::new(), Vec::new());
        write_archive(&spec(), &mut first).unwrap();
        write_archive(&spec(), &mut second).unwrap();
        assert_eq!(first, second);
    }

    #[test]
    fn references_and_dates() {
        assert_eq!(split_reference("app"), ("app", "latest"));
        assert_eq!(split_reference("app:1.0"), ("app", "1.0"));
        assert_eq!(split_reference("host:5000/app"), ("host:5000/app", "latest"));
        assert_eq!(split_reference("host:5000/app:v2"), ("host:5000/app", "v2"));
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(4_102_444_799), "2099-12-31T23:59:59Z");
    }
}
