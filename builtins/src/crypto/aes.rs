//! AES (FIPS 197) in the modes Node and WebCrypto offer: CBC and ECB with PKCS#7 padding, CTR,
//! and GCM (NIST SP 800-38D).
//!
//! Every mode streams (`update` any number of times, then `finish`), as Node's `Cipheriv` needs;
//! WebCrypto's one-shot operations use the same code. The block cipher is `aes`, CBC and CTR are
//! the `cbc` and `ctr` crates. GCM is composed here from `ctr` and `ghash` (the construction the
//! `aes-gcm` crate uses), because that crate neither streams nor takes the IV lengths and short
//! tags that both APIs allow (WebCrypto: any IV length, 32- to 128-bit tags).

use aes::cipher::{
    BlockCipher, BlockDecrypt, BlockDecryptMut, BlockEncrypt, BlockEncryptMut, BlockSizeUser, KeyInit, KeyIvInit,
    StreamCipher, consts::U16, generic_array::GenericArray,
};
use ghash::{GHash, universal_hash::UniversalHash};

use super::{Error, Result, hash::constant_time_eq};

/// A block mode of operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Cbc,
    Ecb,
    Ctr,
    Gcm,
}

/// One cipher by its Node name.
#[derive(Debug, Clone, Copy)]
pub struct CipherInfo {
    pub name: &'static str,
    pub mode: Mode,
    pub key_len: usize,
    /// The IV length Node reports (GCM's default 12; ECB has none).
    pub iv_len: usize,
}

impl CipherInfo {
    pub fn block_size(&self) -> usize {
        match self.mode {
            Mode::Cbc | Mode::Ecb => 16,
            Mode::Ctr | Mode::Gcm => 1,
        }
    }

    /// OpenSSL's numeric id (what `getCipherInfo` reports as `nid`).
    pub fn nid(&self) -> u32 {
        let base = match (self.mode, self.key_len) {
            (Mode::Ecb, 16) => 418,
            (Mode::Cbc, 16) => 419,
            (Mode::Ecb, 24) => 422,
            (Mode::Cbc, 24) => 423,
            (Mode::Ecb, 32) => 426,
            (Mode::Cbc, 32) => 427,
            (Mode::Gcm, 16) => 895,
            (Mode::Gcm, 24) => 898,
            (Mode::Gcm, 32) => 901,
            (Mode::Ctr, 16) => 904,
            (Mode::Ctr, 24) => 905,
            _ => 906,
        };
        base
    }
}

macro_rules! ciphers {
    ($(($name:literal, $mode:ident, $key:literal, $iv:literal)),* $(,)?) => {
        &[$(CipherInfo { name: $name, mode: Mode::$mode, key_len: $key, iv_len: $iv }),*]
    };
}

/// Node's names for the ciphers this build has, in `getCiphers()` order.
pub const CIPHERS: &[CipherInfo] = ciphers![
    ("aes-128-cbc", Cbc, 16, 16),
    ("aes-128-ctr", Ctr, 16, 16),
    ("aes-128-ecb", Ecb, 16, 0),
    ("aes-128-gcm", Gcm, 16, 12),
    ("aes-192-cbc", Cbc, 24, 16),
    ("aes-192-ctr", Ctr, 24, 16),
    ("aes-192-ecb", Ecb, 24, 0),
    ("aes-192-gcm", Gcm, 24, 12),
    ("aes-256-cbc", Cbc, 32, 16),
    ("aes-256-ctr", Ctr, 32, 16),
    ("aes-256-ecb", Ecb, 32, 0),
    ("aes-256-gcm", Gcm, 32, 12),
    ("aes128", Cbc, 16, 16),
    ("aes192", Cbc, 24, 16),
    ("aes256", Cbc, 32, 16),
    ("id-aes128-GCM", Gcm, 16, 12),
    ("id-aes192-GCM", Gcm, 24, 12),
    ("id-aes256-GCM", Gcm, 32, 12),
];

/// The cipher Node calls `name` (any case).
pub fn cipher_info(name: &str) -> Option<&'static CipherInfo> {
    CIPHERS.iter().find(|c| c.name.eq_ignore_ascii_case(name))
}

/// The valid GCM tag lengths for Node (bytes): 4, 8 and 12 to 16.
pub fn node_gcm_tag_len_ok(len: usize) -> bool {
    matches!(len, 4 | 8 | 12..=16)
}

// ---------------------------------------------------------------------------------------------
// Streaming ciphers.

/// A cipher in progress: Node's `Cipheriv`/`Decipheriv` state.
pub struct Cipher {
    inner: Box<dyn Stream>,
}

trait Stream {
    fn update(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<()>;
    fn finish(&mut self, out: &mut Vec<u8>) -> Result<()>;
    fn set_padding(&mut self, _on: bool) -> bool {
        false
    }
    fn set_aad(&mut self, _aad: &[u8]) -> Result<()> {
        Err(Error::InvalidState("setAAD".into()))
    }
    fn set_tag(&mut self, _tag: &[u8]) -> Result<()> {
        Err(Error::InvalidState("setAuthTag".into()))
    }
    fn tag(&self) -> Option<Vec<u8>> {
        None
    }
}

/// Runs `$body` with `$c` bound to the AES variant for a key of `$len` bytes.
macro_rules! with_aes {
    ($len:expr, $c:ident => $body:expr) => {
        match $len {
            16 => { type $c = aes::Aes128; $body }
            24 => { type $c = aes::Aes192; $body }
            32 => { type $c = aes::Aes256; $body }
            _ => return Err(Error::InvalidKeyLength),
        }
    };
}

impl Cipher {
    /// Starts `info` with `key` and `iv` (GCM: any non-empty IV; `tag_len` is its tag size in
    /// bytes, checked by the caller).
    pub fn new(info: &CipherInfo, key: &[u8], iv: &[u8], encrypt: bool, tag_len: usize) -> Result<Cipher> {
        if key.len() != info.key_len {
            return Err(Error::InvalidKeyLength);
        }
        let inner: Box<dyn Stream> = match info.mode {
            Mode::Cbc => {
                if iv.len() != 16 {
                    return Err(Error::InvalidIv);
                }
                with_aes!(key.len(), C => if encrypt {
                    Box::new(Padded::new(CbcEnc(cbc::Encryptor::<C>::new_from_slices(key, iv).map_err(|_| Error::InvalidIv)?), true))
                } else {
                    Box::new(Padded::new(CbcDec(cbc::Decryptor::<C>::new_from_slices(key, iv).map_err(|_| Error::InvalidIv)?), false))
                })
            }
            Mode::Ecb => {
                if !iv.is_empty() {
                    return Err(Error::InvalidIv);
                }
                with_aes!(key.len(), C => {
                    let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
                    if encrypt { Box::new(Padded::new(EcbEnc(cipher), true)) } else { Box::new(Padded::new(EcbDec(cipher), false)) }
                })
            }
            Mode::Ctr => {
                if iv.len() != 16 {
                    return Err(Error::InvalidIv);
                }
                with_aes!(key.len(), C => Box::new(Ctr(ctr::Ctr128BE::<C>::new_from_slices(key, iv).map_err(|_| Error::InvalidIv)?)))
            }
            Mode::Gcm => {
                if iv.is_empty() {
                    return Err(Error::InvalidIv);
                }
                with_aes!(key.len(), C => Box::new(Gcm::<C>::new(key, iv, encrypt, tag_len)?))
            }
        };
        Ok(Cipher { inner })
    }

    /// Processes more input; returns what can be output so far.
    pub fn update(&mut self, input: &[u8]) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        out.try_reserve(input.len() + 16).map_err(|_| Error::TooLarge("cipher input too large".into()))?;
        self.inner.update(input, &mut out)?;
        Ok(out)
    }

    /// Ends the operation: the last block(s), padding checked, GCM's tag computed or verified.
    pub fn finish(&mut self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.inner.finish(&mut out)?;
        Ok(out)
    }

    /// Turns PKCS#7 padding on or off (block modes only; false elsewhere).
    pub fn set_padding(&mut self, on: bool) -> bool {
        self.inner.set_padding(on)
    }

    /// GCM: more additional authenticated data (before any `update`).
    pub fn set_aad(&mut self, aad: &[u8]) -> Result<()> {
        self.inner.set_aad(aad)
    }

    /// GCM decryption: the tag `finish` must find.
    pub fn set_tag(&mut self, tag: &[u8]) -> Result<()> {
        self.inner.set_tag(tag)
    }

    /// GCM encryption: the tag, once `finish` has run.
    pub fn tag(&self) -> Option<Vec<u8>> {
        self.inner.tag()
    }
}

/// One block operation of a padded mode.
trait BlockOp {
    fn apply(&mut self, block: &mut [u8; 16]);
}

struct CbcEnc<C: BlockEncryptMut + BlockCipher>(cbc::Encryptor<C>);
struct CbcDec<C: BlockDecryptMut + BlockCipher>(cbc::Decryptor<C>);
struct EcbEnc<C>(C);
struct EcbDec<C>(C);

impl<C: BlockEncryptMut + BlockCipher + BlockSizeUser<BlockSize = U16>> BlockOp for CbcEnc<C> {
    fn apply(&mut self, block: &mut [u8; 16]) {
        self.0.encrypt_block_mut(GenericArray::from_mut_slice(block));
    }
}
impl<C: BlockDecryptMut + BlockCipher + BlockSizeUser<BlockSize = U16>> BlockOp for CbcDec<C> {
    fn apply(&mut self, block: &mut [u8; 16]) {
        self.0.decrypt_block_mut(GenericArray::from_mut_slice(block));
    }
}
impl<C: BlockEncrypt + BlockSizeUser<BlockSize = U16>> BlockOp for EcbEnc<C> {
    fn apply(&mut self, block: &mut [u8; 16]) {
        self.0.encrypt_block(GenericArray::from_mut_slice(block));
    }
}
impl<C: BlockDecrypt + BlockSizeUser<BlockSize = U16>> BlockOp for EcbDec<C> {
    fn apply(&mut self, block: &mut [u8; 16]) {
        self.0.decrypt_block(GenericArray::from_mut_slice(block));
    }
}

/// A block mode with OpenSSL's buffering: whole blocks go out as soon as they are complete,
/// except that a decrypting cipher with padding holds the last block back for `finish`.
struct Padded<M> {
    op: M,
    encrypt: bool,
    padding: bool,
    pending: Vec<u8>,
}

impl<M: BlockOp> Padded<M> {
    fn new(op: M, encrypt: bool) -> Self {
        Padded { op, encrypt, padding: true, pending: Vec::with_capacity(16) }
    }

    fn emit(&mut self, block: &[u8], out: &mut Vec<u8>) {
        let mut b = [0u8; 16];
        b.copy_from_slice(block);
        self.op.apply(&mut b);
        out.extend_from_slice(&b);
    }
}

impl<M: BlockOp> Stream for Padded<M> {
    fn update(&mut self, mut input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        let hold_back = !self.encrypt && self.padding;
        // Complete the pending partial block first.
        if !self.pending.is_empty() {
            let need = 16 - self.pending.len();
            if input.len() < need || (hold_back && input.len() == need) {
                self.pending.extend_from_slice(input);
                return Ok(());
            }
            let (head, rest) = input.split_at(need);
            let mut block = std::mem::take(&mut self.pending);
            block.extend_from_slice(head);
            self.emit(&block, out);
            input = rest;
        }
        let mut whole = input.len() / 16 * 16;
        if hold_back && whole == input.len() && whole > 0 {
            whole -= 16;
        }
        for block in input[..whole].chunks_exact(16) {
            self.emit(block, out);
        }
        self.pending.extend_from_slice(&input[whole..]);
        Ok(())
    }

    fn finish(&mut self, out: &mut Vec<u8>) -> Result<()> {
        let pending = std::mem::take(&mut self.pending);
        if self.encrypt {
            if self.padding {
                let pad = 16 - pending.len();
                let mut block = pending;
                block.resize(16, pad as u8);
                self.emit(&block, out);
            } else if !pending.is_empty() {
                return Err(Error::WrongFinalBlockLength);
            }
            return Ok(());
        }
        if !self.padding {
            return if pending.is_empty() { Ok(()) } else { Err(Error::WrongFinalBlockLength) };
        }
        if pending.len() != 16 {
            return Err(Error::WrongFinalBlockLength);
        }
        let mut block = [0u8; 16];
        block.copy_from_slice(&pending);
        self.op.apply(&mut block);
        let pad = block[15] as usize;
        if pad == 0 || pad > 16 || block[16 - pad..].iter().any(|&b| b as usize != pad) {
            return Err(Error::BadDecrypt);
        }
        out.extend_from_slice(&block[..16 - pad]);
        Ok(())
    }

    fn set_padding(&mut self, on: bool) -> bool {
        self.padding = on;
        true
    }
}

struct Ctr<S: StreamCipher>(S);

impl<S: StreamCipher> Stream for Ctr<S> {
    fn update(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        let start = out.len();
        out.extend_from_slice(input);
        self.0.try_apply_keystream(&mut out[start..]).map_err(|_| Error::TooLarge("the counter is exhausted".into()))
    }

    fn finish(&mut self, _out: &mut Vec<u8>) -> Result<()> {
        Ok(())
    }
}

/// GHASH fed byte by byte: whole blocks go to the hash, a partial one waits (or is padded).
struct GhashStream {
    hash: GHash,
    buf: [u8; 16],
    len: usize,
}

impl GhashStream {
    fn feed(&mut self, mut data: &[u8]) {
        if self.len > 0 {
            let take = (16 - self.len).min(data.len());
            self.buf[self.len..self.len + take].copy_from_slice(&data[..take]);
            self.len += take;
            data = &data[take..];
            if self.len < 16 {
                return;
            }
            self.hash.update(&[self.buf.into()]);
            self.len = 0;
        }
        let whole = data.len() / 16 * 16;
        for block in data[..whole].chunks_exact(16) {
            self.hash.update(&[*GenericArray::from_slice(block)]);
        }
        self.buf[..data.len() - whole].copy_from_slice(&data[whole..]);
        self.len = data.len() - whole;
    }

    fn pad(&mut self) {
        if self.len > 0 {
            self.buf[self.len..].fill(0);
            self.hash.update(&[self.buf.into()]);
            self.len = 0;
        }
    }
}

struct Gcm<C: BlockEncrypt + BlockCipher + BlockSizeUser<BlockSize = U16>> {
    ctr: ctr::Ctr32BE<C>,
    ghash: GhashStream,
    /// E_K(J0), XORed into the hash to make the tag.
    tag_mask: [u8; 16],
    encrypt: bool,
    tag_len: usize,
    aad_len: u64,
    text_len: u64,
    /// Data has been processed: no more AAD.
    started: bool,
    expected_tag: Option<Vec<u8>>,
    tag: Option<Vec<u8>>,
}

impl<C: BlockEncrypt + BlockCipher + BlockSizeUser<BlockSize = U16> + KeyInit> Gcm<C> {
    fn new(key: &[u8], iv: &[u8], encrypt: bool, tag_len: usize) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        let mut h = GenericArray::default();
        cipher.encrypt_block(&mut h);
        let mut j0 = [0u8; 16];
        if iv.len() == 12 {
            j0[..12].copy_from_slice(iv);
            j0[15] = 1;
        } else {
            let mut g = GHash::new(&h);
            g.update_padded(iv);
            let mut lengths = [0u8; 16];
            lengths[8..].copy_from_slice(&((iv.len() as u64) * 8).to_be_bytes());
            g.update(&[lengths.into()]);
            j0 = g.finalize().into();
        }
        let mut tag_mask = GenericArray::from(j0);
        cipher.encrypt_block(&mut tag_mask);
        let mut counter = j0;
        let low = u32::from_be_bytes([j0[12], j0[13], j0[14], j0[15]]).wrapping_add(1);
        counter[12..].copy_from_slice(&low.to_be_bytes());
        let ctr = ctr::Ctr32BE::<C>::new_from_slices(key, &counter).map_err(|_| Error::InvalidKeyLength)?;
        Ok(Gcm {
            ctr,
            ghash: GhashStream { hash: GHash::new(&h), buf: [0; 16], len: 0 },
            tag_mask: tag_mask.into(),
            encrypt,
            tag_len,
            aad_len: 0,
            text_len: 0,
            started: false,
            expected_tag: None,
            tag: None,
        })
    }

    fn compute_tag(&mut self) -> [u8; 16] {
        self.ghash.pad();
        let mut lengths = [0u8; 16];
        lengths[..8].copy_from_slice(&(self.aad_len * 8).to_be_bytes());
        lengths[8..].copy_from_slice(&(self.text_len * 8).to_be_bytes());
        self.ghash.feed(&lengths);
        let hash = std::mem::replace(&mut self.ghash.hash, GHash::new(&GenericArray::default()));
        let mut tag: [u8; 16] = hash.finalize().into();
        for (t, m) in tag.iter_mut().zip(self.tag_mask) {
            *t ^= m;
        }
        tag
    }
}

impl<C: BlockEncrypt + BlockCipher + BlockSizeUser<BlockSize = U16> + KeyInit> Stream for Gcm<C> {
    fn update(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        if !self.started {
            self.ghash.pad();
            self.started = true;
        }
        let start = out.len();
        out.extend_from_slice(input);
        if !self.encrypt {
            self.ghash.feed(input);
        }
        self.ctr
            .try_apply_keystream(&mut out[start..])
            .map_err(|_| Error::TooLarge("GCM input too long".into()))?;
        if self.encrypt {
            self.ghash.feed(&out[start..]);
        }
        self.text_len += input.len() as u64;
        Ok(())
    }

    fn finish(&mut self, _out: &mut Vec<u8>) -> Result<()> {
        if !self.started {
            self.ghash.pad();
            self.started = true;
        }
        let tag = self.compute_tag();
        if self.encrypt {
            self.tag = Some(tag[..self.tag_len].to_vec());
            return Ok(());
        }
        match &self.expected_tag {
            Some(expected) if constant_time_eq(expected, &tag[..expected.len()]) => Ok(()),
            _ => Err(Error::AuthenticationFailed),
        }
    }

    fn set_aad(&mut self, aad: &[u8]) -> Result<()> {
        if self.started {
            return Err(Error::InvalidState("setAAD".into()));
        }
        self.ghash.feed(aad);
        self.aad_len += aad.len() as u64;
        Ok(())
    }

    fn set_tag(&mut self, tag: &[u8]) -> Result<()> {
        if self.encrypt || tag.is_empty() || tag.len() > 16 {
            return Err(Error::InvalidTagLength);
        }
        self.expected_tag = Some(tag.to_vec());
        Ok(())
    }

    fn tag(&self) -> Option<Vec<u8>> {
        self.tag.clone()
    }
}

// ---------------------------------------------------------------------------------------------
// One-shot operations for WebCrypto.

/// AES-GCM encryption: ciphertext followed by a `tag_len`-byte tag.
pub fn gcm_seal(key: &[u8], iv: &[u8], aad: &[u8], data: &[u8], tag_len: usize) -> Result<Vec<u8>> {
    if iv.is_empty() {
        return Err(Error::InvalidIv);
    }
    let mut cipher: Box<dyn Stream> = with_aes!(key.len(), C => Box::new(Gcm::<C>::new(key, iv, true, tag_len)?));
    cipher.set_aad(aad)?;
    let mut out = Vec::new();
    out.try_reserve(data.len() + tag_len).map_err(|_| Error::TooLarge("data too large".into()))?;
    cipher.update(data, &mut out)?;
    cipher.finish(&mut out)?;
    out.extend_from_slice(&cipher.tag().unwrap_or_default());
    Ok(out)
}

/// AES-GCM decryption of ciphertext followed by a `tag_len`-byte tag.
pub fn gcm_open(key: &[u8], iv: &[u8], aad: &[u8], data: &[u8], tag_len: usize) -> Result<Vec<u8>> {
    if iv.is_empty() {
        return Err(Error::InvalidIv);
    }
    if data.len() < tag_len {
        return Err(Error::AuthenticationFailed);
    }
    let (text, tag) = data.split_at(data.len() - tag_len);
    let mut cipher: Box<dyn Stream> = with_aes!(key.len(), C => Box::new(Gcm::<C>::new(key, iv, false, tag_len)?));
    cipher.set_aad(aad)?;
    cipher.set_tag(tag)?;
    let mut out = Vec::new();
    cipher.update(text, &mut out)?;
    cipher.finish(&mut out)?;
    Ok(out)
}

/// AES-CBC with PKCS#7 padding, one shot.
pub fn cbc(key: &[u8], iv: &[u8], data: &[u8], encrypt: bool) -> Result<Vec<u8>> {
    let info = CipherInfo { name: "aes-cbc", mode: Mode::Cbc, key_len: key.len(), iv_len: 16 };
    let mut cipher = Cipher::new(&info, key, iv, encrypt, 16)?;
    let mut out = cipher.update(data)?;
    out.extend(cipher.finish()?);
    Ok(out)
}

/// AES-CTR as WebCrypto defines it: the rightmost `length` bits of `counter` count blocks and
/// wrap around on their own; the other bits stay fixed. Refuses input longer than the counter
/// space (it would reuse key stream).
pub fn ctr(key: &[u8], counter: &[u8], length: u32, data: &[u8]) -> Result<Vec<u8>> {
    if counter.len() != 16 {
        return Err(Error::InvalidIv);
    }
    if !(1..=128).contains(&length) {
        return Err(Error::InvalidIv);
    }
    let blocks = data.len().div_ceil(16) as u128;
    let value = u128::from_be_bytes(counter.try_into().map_err(|_| Error::InvalidIv)?);
    let mask = if length == 128 { u128::MAX } else { (1u128 << length) - 1 };
    if length < 128 && blocks > mask + 1 {
        return Err(Error::TooLarge("the data is too large for the counter length".into()));
    }
    // Blocks until the counter bits wrap to zero; past that, continue from the wrapped counter.
    let before_wrap = (mask - (value & mask)).saturating_add(1);
    let split = if blocks > before_wrap { (before_wrap as usize) * 16 } else { data.len() };
    let mut out = data.to_vec();
    let (first, second) = out.split_at_mut(split);
    with_aes!(key.len(), C => {
        ctr::Ctr128BE::<C>::new_from_slices(key, counter).map_err(|_| Error::InvalidIv)?.apply_keystream(first);
        if !second.is_empty() {
            let wrapped = (value & !mask).to_be_bytes();
            ctr::Ctr128BE::<C>::new_from_slices(key, &wrapped).map_err(|_| Error::InvalidIv)?.apply_keystream(second);
        }
    });
    Ok(out)
}

/// AES key wrap (RFC 3394) with the default IV; `data` is a multiple of 8 bytes, at least 16.
pub fn key_wrap(key: &[u8], data: &[u8]) -> Result<Vec<u8>> {
    if data.len() % 8 != 0 || data.len() < 16 {
        return Err(Error::WrongFinalBlockLength);
    }
    with_aes!(key.len(), C => {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        let n = data.len() / 8;
        let mut a = [0xa6u8; 8];
        let mut r: Vec<[u8; 8]> = data.chunks_exact(8).map(|c| c.try_into().unwrap_or([0; 8])).collect();
        for j in 0..6 {
            for i in 0..n {
                let mut b = GenericArray::default();
                b[..8].copy_from_slice(&a);
                b[8..].copy_from_slice(&r[i]);
                cipher.encrypt_block(&mut b);
                let t = (n * j + i + 1) as u64;
                a.copy_from_slice(&b[..8]);
                for (x, y) in a.iter_mut().zip(t.to_be_bytes()) {
                    *x ^= y;
                }
                r[i].copy_from_slice(&b[8..]);
            }
        }
        let mut out = a.to_vec();
        for block in r {
            out.extend_from_slice(&block);
        }
        Ok(out)
    })
}

/// AES key unwrap (RFC 3394); fails when the integrity check fails.
pub fn key_unwrap(key: &[u8], data: &[u8]) -> Result<Vec<u8>> {
    if data.len() % 8 != 0 || data.len() < 24 {
        return Err(Error::WrongFinalBlockLength);
    }
    with_aes!(key.len(), C => {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        let n = data.len() / 8 - 1;
        let mut a: [u8; 8] = data[..8].try_into().unwrap_or([0; 8]);
        let mut r: Vec<[u8; 8]> = data[8..].chunks_exact(8).map(|c| c.try_into().unwrap_or([0; 8])).collect();
        for j in (0..6).rev() {
            for i in (0..n).rev() {
                let t = (n * j + i + 1) as u64;
                let mut b = GenericArray::default();
                for (k, (x, y)) in a.iter().zip(t.to_be_bytes()).enumerate() {
                    b[k] = x ^ y;
                }
                b[8..].copy_from_slice(&r[i]);
                cipher.decrypt_block(&mut b);
                a.copy_from_slice(&b[..8]);
                r[i].copy_from_slice(&b[8..]);
            }
        }
        if !constant_time_eq(&a, &[0xa6; 8]) {
            return Err(Error::BadDecrypt);
        }
        Ok(r.concat())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    // NIST SP 800-38A, F.2.1 (CBC-AES128), first two blocks.
    #[test]
    fn cbc_sp800_38a() {
        let key = unhex("2b7e151628aed2a6abf7158809cf4f3c");
        let iv = unhex("000102030405060708090a0b0c0d0e0f");
        let pt = unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        let info = cipher_info("aes-128-cbc").unwrap();
        let mut c = Cipher::new(info, &key, &iv, true, 16).unwrap();
        c.set_padding(false);
        // Fed in odd pieces: streaming must not change the result.
        let mut out = c.update(&pt[..5]).unwrap();
        out.extend(c.update(&pt[5..]).unwrap());
        out.extend(c.finish().unwrap());
        assert_eq!(hex(&out), "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2");
        // Padded round trip, and a decrypting update holds the last block back.
        let sealed = cbc(&key, &iv, b"hello world", true).unwrap();
        assert_eq!(sealed.len(), 16);
        assert_eq!(cbc(&key, &iv, &sealed, false).unwrap(), b"hello world");
        let mut d = Cipher::new(info, &key, &iv, false, 16).unwrap();
        assert!(d.update(&sealed).unwrap().is_empty());
        assert_eq!(d.finish().unwrap(), b"hello world");
        let mut bad = sealed.clone();
        bad[15] ^= 1;
        assert!(matches!(cbc(&key, &iv, &bad, false), Err(Error::BadDecrypt)));
        assert!(matches!(cbc(&key, &iv, &sealed[..15], false), Err(Error::WrongFinalBlockLength)));
        assert!(matches!(Cipher::new(info, &key[..15], &iv, true, 16), Err(Error::InvalidKeyLength)));
        assert!(matches!(Cipher::new(info, &key, &iv[..8], true, 16), Err(Error::InvalidIv)));
    }

    // NIST SP 800-38A, F.5.1 (CTR-AES128), first block; and the wrap-around of short counters.
    #[test]
    fn ctr_counter_bits() {
        let key = unhex("2b7e151628aed2a6abf7158809cf4f3c");
        let iv = unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        let pt = unhex("6bc1bee22e409f96e93d7e117393172a");
        assert_eq!(hex(&ctr(&key, &iv, 128, &pt).unwrap()), "874d6191b620e3261bef6864990db6ce");
        // With 8 counter bits at 0xff, the second block uses counter 0x..00, not a carry.
        let data = [0u8; 32];
        let out = ctr(&key, &iv, 8, &data).unwrap();
        let mut wrapped = iv.clone();
        wrapped[15] = 0;
        assert_eq!(&out[16..], &ctr(&key, &wrapped, 128, &[0u8; 16]).unwrap()[..]);
        assert!(ctr(&key, &iv, 1, &[0u8; 48]).is_err());
    }

    // The GCM specification's test cases 2, 4 (AES-128) and 6 (60-byte IV).
    #[test]
    fn gcm_vectors() {
        let key = unhex("00000000000000000000000000000000");
        let iv = unhex("000000000000000000000000");
        let pt = unhex("00000000000000000000000000000000");
        let sealed = gcm_seal(&key, &iv, &[], &pt, 16).unwrap();
        assert_eq!(hex(&sealed), "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
        assert_eq!(gcm_open(&key, &iv, &[], &sealed, 16).unwrap(), pt);

        let key = unhex("feffe9928665731c6d6a8f9467308308");
        let pt = unhex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        );
        let aad = unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        let iv = unhex("cafebabefacedbaddecaf888");
        let sealed = gcm_seal(&key, &iv, &aad, &pt, 16).unwrap();
        assert_eq!(hex(&sealed[pt.len()..]), "5bc94fbc3221a5db94fae95ae7121a47");
        assert!(hex(&sealed).starts_with("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"));
        let iv6 = unhex(
            "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
        );
        let sealed6 = gcm_seal(&key, &iv6, &aad, &pt, 16).unwrap();
        assert_eq!(hex(&sealed6[pt.len()..]), "619cc5aefffe0bfa462af43c1699d050");

        // Streaming in odd pieces gives the same ciphertext and tag.
        let info = cipher_info("aes-128-gcm").unwrap();
        let mut c = Cipher::new(info, &key, &iv, true, 16).unwrap();
        c.set_aad(&aad[..7]).unwrap();
        c.set_aad(&aad[7..]).unwrap();
        let mut out = c.update(&pt[..13]).unwrap();
        out.extend(c.update(&pt[13..]).unwrap());
        out.extend(c.finish().unwrap());
        out.extend(c.tag().unwrap());
        assert_eq!(out, sealed);
        assert!(c.set_aad(b"late").is_err());

        let mut tampered = sealed.clone();
        tampered[0] ^= 1;
        assert_eq!(gcm_open(&key, &iv, &aad, &tampered, 16), Err(Error::AuthenticationFailed));
        assert_eq!(gcm_open(&key, &iv, &aad, &sealed[..10], 16), Err(Error::AuthenticationFailed));
        // Short tags are prefixes of the full one.
        let short = gcm_seal(&key, &iv, &aad, &pt, 4).unwrap();
        assert_eq!(&short[pt.len()..], &sealed[pt.len()..pt.len() + 4]);
    }

    // RFC 3394 section 4.1 and 4.6.
    #[test]
    fn key_wrap_rfc3394() {
        let kek = unhex("000102030405060708090a0b0c0d0e0f");
        let data = unhex("00112233445566778899aabbccddeeff");
        let wrapped = key_wrap(&kek, &data).unwrap();
        assert_eq!(hex(&wrapped), "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
        assert_eq!(key_unwrap(&kek, &wrapped).unwrap(), data);
        let kek = unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        let data = unhex("00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f");
        assert_eq!(
            hex(&key_wrap(&kek, &data).unwrap()),
            "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21"
        );
        let mut bad = wrapped.clone();
        bad[3] ^= 1;
        assert!(key_unwrap(&unhex("000102030405060708090a0b0c0d0e0f"), &bad).is_err());
    }
}
