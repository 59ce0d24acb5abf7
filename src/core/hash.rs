//! A small, stable content hash (64-bit FNV-1a): the same text always gives the same id,
//! in every browser and on every build, so ids can be stored and compared later.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// Hashes `parts` as one stream, with a separator byte between them so that
/// `["ab", "c"]` and `["a", "bc"]` differ.
pub fn content_hash<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut hash = OFFSET;
    for (index, part) in parts.into_iter().enumerate() {
        if index > 0 {
            hash = (hash ^ 0x1f).wrapping_mul(PRIME);
        }
        for byte in part.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
        }
    }
    hash
}

/// The hash as 16 lowercase hex digits.
pub fn content_hash_hex<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    format!("{:016x}", content_hash(parts))
}

/// A quick fingerprint of a long text (its length and a word-at-a-time hash): tells "the same
/// stored value as last time" without keeping a copy of it. Not for anything adversarial.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint(usize, u64);

pub fn fingerprint(text: &str) -> Fingerprint {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = text.as_bytes();
    let mut hash: u64 = 0;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word: [u8; 8] = word.try_into().unwrap_or_default();
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    for &byte in words.remainder() {
        hash = (hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
    }
    Fingerprint(bytes.len(), hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors_are_stable() {
        assert_eq!(content_hash([""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(content_hash(["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(content_hash_hex(["foobar"]), "85944171f73967e8");
    }

    #[test]
    fn fingerprints_tell_texts_apart() {
        assert_eq!(fingerprint("same text here"), fingerprint("same text here"));
        assert_ne!(fingerprint("same text here"), fingerprint("same text hers"));
        assert_ne!(fingerprint("abcdefgh12"), fingerprint("abcdefgh21"));
        assert_ne!(fingerprint(""), fingerprint("\0"));
    }

    #[test]
    fn parts_are_separated() {
        assert_ne!(content_hash(["ab", "c"]), content_hash(["a", "bc"]));
    }
}
