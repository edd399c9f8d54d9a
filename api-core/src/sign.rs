//! The request signature: `hex(sha1(k1 v1 k2 v2 … PrivateKey))` over every
//! parameter sorted bytewise by key, values unescaped.

use crate::params::Params;

/// The 40-character lowercase hex signature of `params`, which must already
/// be sorted ([`Params::sort`]) and include `Action`, `PublicKey` and, when
/// set, `SecurityToken`, but not `Signature`.
///
/// The hasher is fed each key and value in place: no signing string is
/// built.
pub fn signature(params: &Params<'_>, private_key: &str) -> String {
    let mut signer = Signer::new();
    for (key, value) in params.iter() {
        signer.update(key, value);
    }
    signer
        .finish(private_key)
        .iter()
        .map(|&digit| char::from(digit))
        .collect()
}

/// A signature computed pair by pair, so that the caller can write the
/// form body in the same pass over the parameters.
///
/// The pieces are gathered in a buffer of a few blocks, each with one
/// short copy, and compressed with the `sha1` crate's compression function
/// when the buffer fills and at the end: most pieces are a few bytes long,
/// and a pass through a general hasher's buffering costs more than the
/// copy for each one.
pub(crate) struct Signer {
    state: [u32; 5],
    buf: [u8; BUFFER],
    /// Bytes used in `buf`.
    used: usize,
    /// Blocks compressed so far.
    blocks: u64,
}

/// The size of a signer's buffer: four blocks, room for the string to sign
/// of most requests.
const BUFFER: usize = 256;

/// The most padding a message takes: the 0x80 byte, zeros, and the 8
/// bytes of its length, written over.
const PADDING: [u8; 72] = {
    let mut padding = [0; 72];
    padding[0] = 0x80;
    padding
};

impl Signer {
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn new() -> Self {
        Signer {
            state: [
                0x6745_2301,
                0xEFCD_AB89,
                0x98BA_DCFE,
                0x1032_5476,
                0xC3D2_E1F0,
            ],
            buf: [0; BUFFER],
            used: 0,
            blocks: 0,
        }
    }

    /// Feeds the next pair, in sorted order.
    pub(crate) fn update(&mut self, key: &str, value: &str) {
        self.bytes(key.as_bytes());
        self.bytes(value.as_bytes());
    }

    /// Feeds raw bytes of the string to sign.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn bytes(&mut self, data: &[u8]) {
        match self.buf.get_mut(self.used..self.used + data.len()) {
            Some(room) => {
                copy_short(room, data);
                self.used += data.len();
            }
            None => self.spill(data),
        }
    }

    /// Compresses the whole blocks gathered, keeps the rest, and feeds
    /// `data` in as much at a time as fits.
    #[cold]
    fn spill(&mut self, mut data: &[u8]) {
        loop {
            self.compress_whole_blocks();
            let take = (BUFFER - self.used).min(data.len());
            let (now, rest) = data.split_at(take);
            self.buf[self.used..self.used + take].copy_from_slice(now);
            self.used += take;
            data = rest;
            if data.is_empty() {
                return;
            }
        }
    }

    /// Compresses the whole blocks in the buffer and moves what is left
    /// (less than a block) to its start.
    fn compress_whole_blocks(&mut self) {
        let (blocks, _) = self.buf[..self.used].as_chunks::<64>();
        sha1::block_api::compress(&mut self.state, blocks);
        let done = blocks.len() * 64;
        self.blocks += blocks.len() as u64;
        self.buf.copy_within(done..self.used, 0);
        self.used -= done;
    }

    /// Appends the signature's lowercase hex digits to `out`.
    pub(crate) fn finish_into(&mut self, private_key: &str, out: &mut String) {
        let hex = self.finish(private_key);
        // The digits are ASCII: the conversion cannot fail.
        crate::form::push_short(out, std::str::from_utf8(&hex).unwrap_or_default());
    }

    /// The lowercase hex digits of the signature.
    pub(crate) fn finish(&mut self, private_key: &str) -> [u8; 40] {
        self.bytes(private_key.as_bytes());
        let bits = (self.blocks * 64 + self.used as u64) * 8;
        // The padding goes in place after the last bytes: one bit, zeros,
        // and the length in bits in the last 8 bytes of the block, in a
        // second block when fewer than 9 bytes are free. It takes at most
        // 72 bytes; when the buffer has less room, its whole blocks go
        // first.
        if self.used + 72 > BUFFER {
            self.compress_whole_blocks();
        }
        let used = self.used;
        let last = used - used % 64;
        let end = last + if used - last >= 56 { 128 } else { 64 };
        // A fixed 72 bytes zeroed and marked, some past `end`, which are
        // not hashed: fixed-size stores cost less than a call to clear
        // exactly up to the length.
        if let Some(tail) = self.buf.get_mut(used..used + 72) {
            tail.copy_from_slice(&PADDING);
        }
        self.buf[end - 8..end].copy_from_slice(&bits.to_be_bytes());
        let (blocks, _) = self.buf[..end].as_chunks::<64>();
        sha1::block_api::compress(&mut self.state, blocks);
        let mut hex = [0u8; 40];
        for (digits, word) in hex.chunks_exact_mut(8).zip(self.state) {
            digits.copy_from_slice(&hex_word(word));
        }
        hex
    }
}

/// The eight lowercase hex digits of `word`, most significant first,
/// worked out on all of them at once: each nibble is spread into a byte of
/// its own, and `'0'` added to each, plus the gap up to `'a'` where the
/// nibble is 10 or more.
#[inline]
fn hex_word(word: u32) -> [u8; 8] {
    let x = u64::from(word);
    let x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF;
    let x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF;
    let x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
    // Each byte now holds one nibble, the most significant nibble in the
    // most significant byte; 6 added carries into bit 4 for 10 and more.
    let letters = ((x + 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101;
    let ascii = x + 0x3030_3030_3030_3030 + letters * (u64::from(b'a' - b'0' - 10));
    ascii.to_be_bytes()
}

/// `dst.copy_from_slice(src)` for slices of equal length, without a call
/// to `memcpy` for the short pieces a string to sign is made of: two
/// fixed-size copies that overlap cover any length between one size and
/// twice it.
#[cfg_attr(debug_assertions, inline)]
#[cfg_attr(not(debug_assertions), inline(always))]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    let n = src.len();
    if n != dst.len() {
        return;
    }
    match n {
        0 => {}
        1..=3 => {
            dst[0] = src[0];
            dst[n / 2] = src[n / 2];
            dst[n - 1] = src[n - 1];
        }
        4..=7 => {
            dst[..4].copy_from_slice(&src[..4]);
            dst[n - 4..].copy_from_slice(&src[n - 4..]);
        }
        8..=15 => {
            dst[..8].copy_from_slice(&src[..8]);
            dst[n - 8..].copy_from_slice(&src[n - 8..]);
        }
        16..=32 => {
            dst[..16].copy_from_slice(&src[..16]);
            dst[n - 16..].copy_from_slice(&src[n - 16..]);
        }
        33..=64 => {
            dst[..32].copy_from_slice(&src[..32]);
            dst[n - 32..].copy_from_slice(&src[n - 32..]);
        }
        _ => dst.copy_from_slice(src),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted<'a>(pairs: &[(&'a str, &'a str)]) -> Params<'a> {
        let mut params = Params::new();
        for (k, v) in pairs {
            params.push(*k, *v);
        }
        params.sort().unwrap();
        params
    }

    #[test]
    fn reproduces_the_reference_vector() {
        let params = sorted(&[
            ("Action", "DescribeUHostInstance"),
            ("Region", "cn-bj2"),
            ("Limit", "10"),
            ("PublicKey", "ucloudsomeone@example.com1296235120854146120"),
        ]);
        assert_eq!(
            signature(&params, "46f09bb9fab4f12dfc160dae12273d5332b5debe"),
            "cba5cf5ec4d4233d206b1b54951e3787350a642f"
        );
    }

    #[test]
    fn reproduces_the_python_sdk_vectors() {
        let params = sorted(&[("foo", "bar")]);
        assert_eq!(
            signature(&params, "my_private_key"),
            "634edc1bb957c0d65e5ab5494cf3b7784fbc87af"
        );
        let params = sorted(&[("foo", "bar"), ("PublicKey", "my_public_key")]);
        assert_eq!(
            signature(&params, "my_private_key"),
            "d4411ab30953fb0bbcb1e7313081f05e4e91a394"
        );
    }

    #[test]
    fn values_are_signed_unescaped() {
        let escaped = sorted(&[("Name", "a%20b")]);
        let raw = sorted(&[("Name", "a b")]);
        assert_ne!(signature(&escaped, "k"), signature(&raw, "k"));
        assert_eq!(signature(&raw, "k"), sha1_hex(b"Namea bk"));
    }

    #[test]
    fn short_copies_copy_every_length() {
        let src: Vec<u8> = (1..=70).collect();
        for n in 0..=70 {
            let mut dst = vec![0u8; n];
            copy_short(&mut dst, &src[..n]);
            assert_eq!(dst, src[..n]);
        }
    }
    #[test]
    fn hex_words_match_the_formatter() {
        for word in [
            0,
            1,
            9,
            10,
            15,
            16,
            0x89ab_cdef,
            0x0123_4567,
            u32::MAX,
            0xa0b0_c0d0,
        ] {
            assert_eq!(
                hex_word(word),
                *format!("{word:08x}").as_bytes(),
                "{word:#x}"
            );
        }
        let mut word = 0x9e37_79b9u32;
        for _ in 0..10_000 {
            word = word.wrapping_mul(0x0019_660d).wrapping_add(0x3c6e_f35f);
            assert_eq!(hex_word(word), *format!("{word:08x}").as_bytes());
        }
    }

    #[test]
    fn every_length_and_split_matches_the_sha1_crate() {
        // Lengths around each block boundary, fed in pieces of every size
        // from one byte up, so that the padding lands in every place.
        let data: Vec<u8> = (0u32..1000).map(|i| (i * 7 + 3) as u8).collect();
        // Also where the padding no longer fits in the buffer after the
        // bytes (from 185 on), and around the buffer's end.
        let lengths = (0..140).chain(180..200).chain(240..260);
        for len in lengths.chain([299, 600, 1000]) {
            for piece in [1, 2, 5, 13, 63, 64, 65, 200, 255, 256, 257, 700] {
                let mut signer = Signer::new();
                for chunk in data[..len].chunks(piece) {
                    signer.bytes(chunk);
                }
                let ours = signer.finish("");
                assert_eq!(
                    std::str::from_utf8(&ours).unwrap(),
                    sha1_hex(&data[..len]),
                    "length {len}, pieces of {piece}"
                );
            }
        }
    }

    fn sha1_hex(data: &[u8]) -> String {
        use sha1::{Digest, Sha1};
        Sha1::digest(data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}
