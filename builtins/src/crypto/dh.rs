//! Finite-field Diffie-Hellman (Node's `createDiffieHellman`, `getDiffieHellman`) and the prime
//! search behind it and `generatePrime`/`checkPrime`: big integers from `num-bigint-dig` (the
//! `rsa` crate's own), the well-known groups in [`dh_groups`](super::dh_groups).
//!
//! Numbers cross this module as big-endian bytes. Sizes are bounded the way OpenSSL bounds them
//! (a DH modulus of 512 to 10,000 bits), so no script can start an endless prime search.

use num_bigint_dig::{BigUint, prime::probably_prime};
use spki::der::{
    self, Decode, Encode,
    asn1::{SequenceOf, UintRef},
};

use super::{Error, Result, dh_groups::*, random};

/// OpenSSL's bounds on a DH modulus (`DH_MIN_MODULUS_BITS`, `OPENSSL_DH_MAX_MODULUS_BITS`).
pub const MIN_MODULUS_BITS: usize = 512;
pub const MAX_MODULUS_BITS: usize = 10_000;

/// Miller-Rabin rounds (plus one Lucas test: Baillie-PSW) when judging a candidate.
const ROUNDS: usize = 20;

/// `verifyError` bits (OpenSSL's `DH_check` flags, as Node's `crypto.constants` names them).
pub const CHECK_P_NOT_PRIME: u32 = 0x01;
pub const CHECK_P_NOT_SAFE_PRIME: u32 = 0x02;
pub const NOT_SUITABLE_GENERATOR: u32 = 0x08;
pub const MODULUS_TOO_SMALL: u32 = 0x80;
pub const MODULUS_TOO_LARGE: u32 = 0x100;

/// A well-known group by Node's name: (prime, private key bits). The private key length of
/// RFC 3526's groups is the size OpenSSL uses for them (a short exponent with the group's
/// strength); RFC 2409's two take a key as long as the prime.
pub fn group(name: &str) -> Option<(&'static [u8], usize)> {
    Some(match name {
        "modp1" => (&MODP1[..], 0),
        "modp2" => (&MODP2[..], 0),
        "modp5" => (&MODP5[..], 200),
        "modp14" => (&MODP14[..], 225),
        "modp15" => (&MODP15[..], 275),
        "modp16" => (&MODP16[..], 325),
        "modp17" => (&MODP17[..], 375),
        "modp18" => (&MODP18[..], 400),
        _ => return None,
    })
}

fn uint(bytes: &[u8]) -> BigUint {
    BigUint::from_bytes_be(bytes)
}

/// A random number of exactly `bits` bits; with `top_two`, its second bit set as well (as
/// OpenSSL does for primes, so a product of two stays full length).
fn random_bits(bits: usize, top_two: bool) -> Result<BigUint> {
    let mut bytes = super::zeroed(bits.div_ceil(8))?;
    random::fill(&mut bytes)?;
    let excess = bytes.len() * 8 - bits;
    bytes[0] &= 0xff >> excess;
    let mut top = BigUint::from(1u32) << (bits - 1);
    if top_two && bits >= 2 {
        top |= BigUint::from(1u32) << (bits - 2);
    }
    Ok(uint(&bytes) | top)
}

/// `value mod m` for a small `m`, from the big-endian bytes.
fn small_mod(bytes: &[u8], m: u64) -> u64 {
    bytes.iter().fold(0u64, |r, &b| (r * 256 + b as u64) % m)
}

/// The sieve's primes are below 2^SIEVE_BITS; it strikes candidates a window at a time.
const SIEVE_BITS: usize = 16;
const WINDOW: usize = 1 << 14;

/// The odd primes below 2^16, the sieve that discards most candidates before any exponentiation.
fn sieve_primes() -> Vec<u64> {
    (3u64..1 << SIEVE_BITS).step_by(2).filter(|n| (3..).step_by(2).take_while(|d| d * d <= *n).all(|d| n % d != 0)).collect()
}

/// Whether `x` is (very probably) prime.
pub fn is_probable_prime(x: &[u8], rounds: usize) -> bool {
    probably_prime(&uint(x), rounds.max(1))
}

/// What a prime search asks for: `bits` exactly, `p mod add == rem` when `add` is given, and a
/// safe prime ((p - 1) / 2 prime as well) when `safe`.
pub struct PrimeRequest<'a> {
    pub bits: usize,
    pub safe: bool,
    pub add: Option<&'a [u8]>,
    pub rem: Option<&'a [u8]>,
}

/// A random prime as `request` describes, big-endian. Candidates step from a random start by
/// `add` (2 without one), skipping those the small-prime sieve rules out for p (and, for a safe
/// prime, for (p - 1) / 2); a run that leaves the bit length starts over.
pub fn generate_prime(request: &PrimeRequest) -> Result<Vec<u8>> {
    let bits = request.bits;
    if bits < 2 {
        return Err(Error::InvalidKey("invalid prime size".into()));
    }
    if request.safe && bits < 3 {
        return Err(Error::InvalidKey("invalid prime size".into()));
    }
    let one = BigUint::from(1u32);
    let add = match request.add {
        Some(add) if uint(add) > one => uint(add),
        Some(_) => return Err(Error::InvalidKey("invalid options.add".into())),
        // A safe prime is 3 mod 4 (its (p - 1) / 2 is odd); any other prime is odd.
        None if request.safe => BigUint::from(4u32),
        None => BigUint::from(2u32),
    };
    let rem = match request.rem {
        Some(rem) => uint(rem),
        None if request.safe => BigUint::from(3u32),
        None => one.clone(),
    };
    if rem >= add {
        return Err(Error::InvalidKey("invalid options.rem".into()));
    }
    if add.bits() > bits {
        return Err(Error::InvalidKey("invalid options.add".into()));
    }
    // Every member of a class sharing a factor with `add` is composite (but perhaps rem itself).
    if gcd(add.clone(), rem.clone()) != one && !probably_prime(&rem, ROUNDS) {
        return Err(Error::InvalidKey("invalid options.rem".into()));
    }
    // The sieve only runs on candidates above its own primes (and their halves too).
    let primes = if bits > SIEVE_BITS + 1 { sieve_primes() } else { Vec::new() };
    let add_bytes = add.to_bytes_be();
    let step_mod: Vec<u64> = primes.iter().map(|&m| small_mod(&add_bytes, m)).collect();
    let step_mod4 = small_mod(&add_bytes, 4);
    let mut ruled_out = vec![false; WINDOW];
    // A residue class with no prime of this size would search forever: give up after many runs.
    for _ in 0..(1 << 12) {
        // A random start of the right size, moved onto the residue class; then a window of
        // candidates start + i·add, sieved at once: for each small prime m, the i where the
        // candidate is 0 mod m (or, for a safe prime, 1 mod m: (p - 1) / 2 divisible) are struck.
        let start = random_bits(bits, true)?;
        let start = &start - (&start % &add) + &rem;
        let start_bytes = start.to_bytes_be();
        ruled_out.fill(false);
        for (&m, &step) in primes.iter().zip(&step_mod) {
            let r = small_mod(&start_bytes, m);
            let targets: &[u64] = if request.safe { &[0, 1] } else { &[0] };
            for &target in targets {
                if step == 0 {
                    // Every candidate has the start's residue.
                    if r == target {
                        ruled_out.fill(true);
                    }
                    continue;
                }
                let mut i = ((target + m - r) % m * inverse_mod(step, m) % m) as usize;
                while i < WINDOW {
                    ruled_out[i] = true;
                    i += m as usize;
                }
            }
        }
        let mut mod4 = small_mod(&start_bytes, 4);
        let mut candidate = start;
        for &struck in &ruled_out {
            if candidate.bits() != bits {
                break;
            }
            // Even, or (safe) (p - 1) / 2 even; the candidate 2 itself is only a 2-bit request.
            let skip = struck || (mod4 % 2 == 0 && bits > 2) || (request.safe && mod4 != 3);
            if !skip && is_candidate_prime(&candidate, request.safe) {
                return Ok(candidate.to_bytes_be());
            }
            candidate += &add;
            mod4 = (mod4 + step_mod4) % 4;
        }
    }
    Err(Error::InvalidKey("no prime found with these options".into()))
}

/// Whether a sieved candidate is prime (and, for `safe`, its (p - 1) / 2 as well).
fn is_candidate_prime(p: &BigUint, safe: bool) -> bool {
    if !safe {
        return probably_prime(p, ROUNDS);
    }
    let half = p >> 1usize;
    // One Fermat test of each first: a cheap rejection of nearly all candidates.
    let cheap = p.bits() < 64 || (fermat(&half) && fermat(p));
    cheap && probably_prime(&half, ROUNDS) && probably_prime(p, ROUNDS)
}

/// a^-1 mod m for a prime m not dividing a (Fermat: a^(m-2)).
fn inverse_mod(a: u64, m: u64) -> u64 {
    let (mut result, mut base, mut exp) = (1u64, a % m, m - 2);
    while exp > 0 {
        if exp & 1 == 1 {
            result = result * base % m;
        }
        base = base * base % m;
        exp >>= 1;
    }
    result
}

fn gcd(mut a: BigUint, mut b: BigUint) -> BigUint {
    let zero = BigUint::from(0u32);
    while b != zero {
        let r = &a % &b;
        a = b;
        b = r;
    }
    a
}

/// Fermat's test to base 2 (true for every odd prime above 2).
fn fermat(n: &BigUint) -> bool {
    let one = BigUint::from(1u32);
    *n > BigUint::from(3u32) && BigUint::from(2u32).modpow(&(n - &one), n) == one
}

/// A fresh prime of `bits` bits for DH with `generator`, as OpenSSL makes them: a safe prime
/// with p = 23 mod 24 for the generator 2 (2 then generates the subgroup of order (p - 1) / 2),
/// p = 59 mod 60 for 5, any safe prime otherwise.
pub fn generate_dh_prime(bits: usize, generator: u32) -> Result<Vec<u8>> {
    let (add, rem): (&[u8], &[u8]) = match generator {
        2 => (&[24], &[23]),
        5 => (&[60], &[59]),
        _ => (&[4], &[3]),
    };
    generate_prime(&PrimeRequest { bits, safe: true, add: Some(add), rem: Some(rem) })
}

/// `verifyError` of the group (p, g): the `CHECK_*` bits OpenSSL 3's `DH_check` sets.
pub fn check(prime: &[u8], generator: &[u8]) -> u32 {
    let p = uint(prime);
    let g = uint(generator);
    let one = BigUint::from(1u32);
    let mut flags = 0;
    let bits = p.bits();
    if bits > MAX_MODULUS_BITS {
        return MODULUS_TOO_LARGE | CHECK_P_NOT_PRIME;
    }
    if bits < MIN_MODULUS_BITS {
        flags |= MODULUS_TOO_SMALL;
    }
    if g <= one || p <= one || g >= &p - &one {
        flags |= NOT_SUITABLE_GENERATOR;
    }
    if !probably_prime(&p, ROUNDS) {
        flags |= CHECK_P_NOT_PRIME;
    } else if !probably_prime(&(&p >> 1usize), ROUNDS) {
        flags |= CHECK_P_NOT_SAFE_PRIME;
    }
    flags
}

/// The public key g^x mod p, big-endian.
pub fn public_key(prime: &[u8], generator: &[u8], private: &[u8]) -> Result<Vec<u8>> {
    let p = uint(prime);
    if p.bits() < 2 {
        return Err(Error::InvalidKey("modulus too small".into()));
    }
    Ok(uint(generator).modpow(&uint(private), &p).to_bytes_be())
}

/// A random private key: `bits` bits when given (a short exponent for a known group), else
/// one bit shorter than p (so below it).
pub fn private_key(prime: &[u8], bits: usize) -> Result<Vec<u8>> {
    let p_bits = uint(prime).bits();
    let bits = if bits == 0 || bits >= p_bits { p_bits.saturating_sub(1) } else { bits };
    if bits < 2 {
        return Err(Error::InvalidKey("modulus too small".into()));
    }
    Ok(random_bits(bits, false)?.to_bytes_be())
}

/// Why a peer's public key was refused (Node: "Supplied key is too small/large").
#[derive(Debug, PartialEq, Eq)]
pub enum PeerKeyError {
    TooSmall,
    TooLarge,
}

/// The shared secret peer^x mod p, left-padded with zeros to the byte length of p. The peer's
/// key must lie in 2..=p-2 (1 and p - 1 give away the secret).
pub fn compute_secret(prime: &[u8], private: &[u8], peer: &[u8]) -> std::result::Result<Vec<u8>, PeerKeyError> {
    let p = uint(prime);
    let y = uint(peer);
    let one = BigUint::from(1u32);
    if y <= one {
        return Err(PeerKeyError::TooSmall);
    }
    if p <= one || y >= &p - &one {
        return Err(PeerKeyError::TooLarge);
    }
    let secret = y.modpow(&uint(private), &p).to_bytes_be();
    let len = p.bits().div_ceil(8);
    let mut padded = vec![0u8; len - secret.len().min(len)];
    padded.extend_from_slice(&secret);
    Ok(padded)
}

/// The group of a DH key as PKCS#8/SPKI carry it (PKCS#3 `DHParameter`): big-endian numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub prime: Vec<u8>,
    pub generator: Vec<u8>,
}

impl Group {
    /// PKCS#3's `DHParameter`: DER `SEQUENCE { prime INTEGER, base INTEGER }`.
    pub fn to_der(&self) -> Result<Vec<u8>> {
        let mut members = SequenceOf::<UintRef<'_>, 2>::new();
        for number in [&self.prime, &self.generator] {
            members.add(UintRef::new(number).map_err(encoding_failed)?).map_err(encoding_failed)?;
        }
        members.to_der().map_err(encoding_failed)
    }

    /// A `DHParameter` (an optional third member, the private value length, is ignored).
    pub fn from_der(der: &[u8]) -> Result<Group> {
        let invalid = || Error::InvalidKey("invalid DH parameters".into());
        let members = SequenceOf::<UintRef<'_>, 3>::from_der(der).map_err(|_| invalid())?;
        let mut numbers = members.iter().map(|number| number.as_bytes().to_vec());
        match (numbers.next(), numbers.next()) {
            (Some(prime), Some(generator)) => Ok(Group { prime, generator }),
            _ => Err(invalid()),
        }
    }
}

fn encoding_failed(_: der::Error) -> Error {
    Error::InvalidKey("DH encoding failed".into())
}

/// A non-negative big-endian number as a DER INTEGER.
pub fn der_integer(bytes: &[u8]) -> Result<Vec<u8>> {
    UintRef::new(bytes).and_then(|number| number.to_der()).map_err(encoding_failed)
}

/// The number a DER INTEGER holds, as minimal big-endian bytes; None unless it is one
/// non-negative INTEGER.
pub fn read_integer(der: &[u8]) -> Option<Vec<u8>> {
    UintRef::from_der(der).ok().map(|number| number.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// π to `bits` fractional bits (floor of π·2^bits), by Machin's formula
    /// π = 16·atan(1/5) - 4·atan(1/239) in fixed point with guard bits.
    fn pi_fixed(bits: usize) -> BigUint {
        let guard = 64;
        let scale = BigUint::from(1u32) << (bits + guard);
        let atan_inv = |x: u32| {
            // atan(1/x) = sum (-1)^k / ((2k+1) x^(2k+1)); positive and negative terms summed apart.
            let (mut plus, mut minus) = (BigUint::from(0u32), BigUint::from(0u32));
            let mut power = &scale / BigUint::from(x);
            let x2 = BigUint::from(x * x);
            let mut k = 0u32;
            while power > BigUint::from(0u32) {
                let term = &power / BigUint::from(2 * k + 1);
                if k % 2 == 0 { plus += term } else { minus += term }
                power /= &x2;
                k += 1;
            }
            plus - minus
        };
        (atan_inv(5) * BigUint::from(16u32) - atan_inv(239) * BigUint::from(4u32)) >> guard
    }

    /// RFC 2409 §6.1-6.2 and RFC 3526 §2-7: p = 2^n - 2^(n-64) - 1 + 2^64·(floor(2^(n-130)·π) + k).
    #[test]
    fn groups_follow_the_rfc_formula() {
        let pi = pi_fixed(8192);
        let cases = [
            ("modp1", 768, 149686u32),
            ("modp2", 1024, 129093),
            ("modp5", 1536, 741804),
            ("modp14", 2048, 124476),
            ("modp15", 3072, 1690314),
            ("modp16", 4096, 240904),
            ("modp17", 6144, 929484),
            ("modp18", 8192, 4743158),
        ];
        let one = BigUint::from(1u32);
        for (name, n, k) in cases {
            let (prime, _) = group(name).unwrap();
            let pi_part = &pi >> (8192 - (n - 130));
            let expected = (&one << n) - (&one << (n - 64)) - &one + ((pi_part + BigUint::from(k)) << 64usize);
            assert_eq!(uint(prime), expected, "{name}");
            assert_eq!(prime.len() * 8, n, "{name}");
        }
        // The smaller ones are safe primes (the larger take seconds in a debug build).
        for name in ["modp1", "modp2"] {
            assert_eq!(check(group(name).unwrap().0, &[2]), 0, "{name}");
        }
    }

    #[test]
    fn agreement_and_padding() {
        let (p, bits) = group("modp2").unwrap();
        let a = private_key(p, bits).unwrap();
        let b = private_key(p, bits).unwrap();
        let pa = public_key(p, &[2], &a).unwrap();
        let pb = public_key(p, &[2], &b).unwrap();
        let s1 = compute_secret(p, &a, &pb).unwrap();
        assert_eq!(s1, compute_secret(p, &b, &pa).unwrap());
        assert_eq!(s1.len(), 128);
        assert_eq!(compute_secret(p, &a, &[1]), Err(PeerKeyError::TooSmall));
        assert_eq!(compute_secret(p, &a, &[]), Err(PeerKeyError::TooSmall));
        assert_eq!(compute_secret(p, &a, p), Err(PeerKeyError::TooLarge));
        let mut p_minus_1 = p.to_vec();
        *p_minus_1.last_mut().unwrap() -= 1;
        assert_eq!(compute_secret(p, &a, &p_minus_1), Err(PeerKeyError::TooLarge));
    }

    #[test]
    fn group_der_round_trip() {
        let modp1 = Group { prime: group("modp1").unwrap().0.to_vec(), generator: vec![2] };
        let der = modp1.to_der().unwrap();
        // SEQUENCE, INTEGER 0x00 ff.. (97 bytes: a leading zero keeps it positive).
        assert_eq!(&der[..6], &[0x30, 0x66, 0x02, 0x61, 0x00, 0xff]);
        // Lengths of 128 and more take the long form.
        let long = Group { prime: group("modp2").unwrap().0.to_vec(), generator: vec![2] }.to_der().unwrap();
        assert_eq!(&long[..7], &[0x30, 0x81, 0x87, 0x02, 0x81, 0x81, 0x00]);
        assert_eq!(Group::from_der(&long).unwrap().prime, group("modp2").unwrap().0);
        assert_eq!(&der[der.len() - 3..], &[0x02, 0x01, 0x02]);
        assert_eq!(Group::from_der(&der).unwrap(), modp1);
        assert!(Group::from_der(&der[..der.len() - 1]).is_err());
        assert_eq!(read_integer(&der_integer(&[0, 0, 5]).unwrap()).unwrap(), vec![5]);
        assert_eq!(der_integer(&[0x80]).unwrap(), vec![0x02, 0x02, 0x00, 0x80]);
        assert_eq!(der_integer(&[0, 0]).unwrap(), vec![0x02, 0x01, 0x00]);
        // Negative numbers and trailing bytes are refused.
        assert!(read_integer(&[0x02, 0x01, 0xff]).is_none());
        assert!(read_integer(&[0x02, 0x01, 0x05, 0x00]).is_none());
    }

    #[test]
    fn generated_primes() {
        let p = generate_dh_prime(256, 2).unwrap();
        assert_eq!(uint(&p).bits(), 256);
        assert_eq!(small_mod(&p, 24), 23);
        assert_eq!(check(&p, &[2]), MODULUS_TOO_SMALL);
        let q = generate_prime(&PrimeRequest { bits: 64, safe: false, add: Some(&[12]), rem: Some(&[7]) }).unwrap();
        assert!(is_probable_prime(&q, 20));
        assert_eq!(small_mod(&q, 12), 7);
        // Top two bits set, as OpenSSL: the only 3-bit prime is then 7; 4 bits, 13 mod 15: 13.
        assert_eq!(generate_prime(&PrimeRequest { bits: 3, safe: false, add: None, rem: None }).unwrap(), [7]);
        assert_eq!(generate_prime(&PrimeRequest { bits: 3, safe: true, add: None, rem: None }).unwrap(), [7]);
        assert_eq!(generate_prime(&PrimeRequest { bits: 4, safe: false, add: Some(&[15]), rem: Some(&[13]) }).unwrap(), [13]);
        assert!(generate_prime(&PrimeRequest { bits: 3, safe: false, add: Some(&[8]), rem: Some(&[7]) }).is_err());
        assert!(generate_prime(&PrimeRequest { bits: 16, safe: false, add: Some(&[4]), rem: Some(&[2]) }).is_err());
        let safe = generate_prime(&PrimeRequest { bits: 128, safe: true, add: Some(&[5]), rem: None }).unwrap();
        assert_eq!(small_mod(&safe, 5), 3);
        assert!(is_probable_prime(&(uint(&safe) >> 1usize).to_bytes_be(), 20));
        assert!(!is_probable_prime(&[0x0f], 20));
        assert_eq!(check(&[0xab, 0xcd, 0xef], &[2]), MODULUS_TOO_SMALL | CHECK_P_NOT_PRIME);
        assert_eq!(check(group("modp2").unwrap().0, &[1]), NOT_SUITABLE_GENERATOR);
    }
}
