//! Byte search tuned for RT's short lines.
//!
//! `memchr` is the fastest search over long haystacks, but every call pays for
//! its dispatch and vector setup, and most lines RT prints are 10 to 70 bytes
//! long. The first 64 bytes are therefore searched eight at a time in a plain
//! `u64` (the classic "has zero byte" test), and only longer lines are handed to
//! `memchr`.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// How far the word-at-a-time search goes before it hands over to `memchr`.
const SHORT: usize = 64;

/// The index of the first `byte` in `hay`.
#[inline]
pub(crate) fn find(byte: u8, hay: &[u8]) -> Option<usize> {
    let pattern = LO * u64::from(byte);
    let mut i = 0;
    let short = hay.len().min(SHORT);
    while i + 8 <= short {
        let mut w = [0u8; 8];
        w.copy_from_slice(&hay[i..i + 8]);
        let x = u64::from_le_bytes(w) ^ pattern;
        // The lowest set bit marks the first zero byte of `x` exactly (borrows
        // only reach bytes above it).
        let t = x.wrapping_sub(LO) & !x & HI;
        if t != 0 {
            return Some(i + (t.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    if short < SHORT {
        return hay[i..].iter().position(|&b| b == byte).map(|p| i + p);
    }
    memchr::memchr(byte, &hay[i..]).map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::find;
    use alloc::vec;

    #[test]
    fn agrees_with_a_plain_search() {
        for len in 0..200 {
            for at in 0..=len {
                let mut hay = vec![b'a'; len];
                // Bytes that stress the borrow of the zero-byte test.
                for (k, b) in hay.iter_mut().enumerate() {
                    *b = [b'a', 0x0b, 0x09, 0x8a, 0x0a ^ 0x80][k % 5];
                }
                if at < len {
                    hay[at] = b'\n';
                }
                let want = hay.iter().position(|&b| b == b'\n');
                assert_eq!(find(b'\n', &hay), want, "len {len} at {at}");
            }
        }
    }
}
