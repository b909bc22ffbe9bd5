//! Random bytes from the operating system (`getrandom`: `getrandom(2)` natively, WASI
//! `random_get` in the wasm build).

use super::{Error, Result};

/// Fills `bytes` with cryptographically secure random bytes.
pub fn fill(bytes: &mut [u8]) -> Result<()> {
    // getrandom reads at most what the OS gives per call and loops itself.
    getrandom::getrandom(bytes).map_err(|e| Error::InvalidState(format!("the random source failed: {e}")))
}

/// A random version-4 UUID in its lower-case text form (RFC 9562).
pub fn uuid_v4() -> Result<String> {
    let mut b = [0u8; 16];
    fill(&mut b)?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]))
}

/// A uniformly random integer in `0..range` (`range` > 0), without modulo bias.
pub fn below(range: u64) -> Result<u64> {
    // Reject the top sliver of the 48-bit space that does not divide evenly (Node uses 48 bits).
    const SPACE: u64 = 1 << 48;
    let limit = SPACE - SPACE % range;
    loop {
        let mut b = [0u8; 8];
        fill(&mut b[..6])?;
        let x = u64::from_le_bytes(b);
        if x < limit {
            return Ok(x % range);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_version_and_variant() {
        let id = uuid_v4().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(id, uuid_v4().unwrap());
    }

    #[test]
    fn below_stays_in_range() {
        for _ in 0..1000 {
            assert!(below(7).unwrap() < 7);
        }
        assert_eq!(below(1).unwrap(), 0);
    }
}
