//! Signing and encryption keys: from the environment, or generated once and kept in
//! the data directory (readable by the service's user only). Several nodes must
//! share them, so a cluster sets them in the environment.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;

/// The key bytes named by `configured`, or those kept in `data_dir/secrets/{name}`,
/// made on first use.
///
/// # Errors
/// An unreadable or too short key, or a data directory we cannot write.
pub fn load_or_create(configured: Option<&str>, data_dir: &Path, name: &str) -> anyhow::Result<Vec<u8>> {
    if let Some(value) = configured {
        if value.len() < 32 {
            bail!("the {name} must be at least 32 characters (e.g. `openssl rand -base64 48`)");
        }
        return Ok(value.as_bytes().to_vec());
    }
    let dir = data_dir.join("secrets");
    let path = dir.join(name);
    if let Ok(existing) = fs::read_to_string(&path) {
        return STANDARD.decode(existing.trim()).with_context(|| format!("{} is not base64", path.display()));
    }
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut key = vec![0_u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut key);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(STANDARD.encode(&key).as_bytes())?;
    tracing::info!(path = %path.display(), "generated a new key; set it in the environment to share it between nodes");
    Ok(key)
}
