//! CRC-32 (ISO-HDLC, the ZIP's) through `crc32fast`: a package's every
//! entry is read through it (the command line, the worker opening a
//! package), and a byte-at-a-time table took 0,57 s per 200 MB against
//! 0,16 s for the SHA-256 beside it (bench/evidence-results.md). The scoring
//! page never calls it (the worker writes and reads packages), so its wasm
//! does not carry it.

/// A CRC-32 fed in pieces (a file read in chunks).
#[derive(Debug, Clone, Default)]
pub struct Crc32(crc32fast::Hasher);

impl Crc32 {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self) -> u32 {
        self.0.finalize()
    }
}

/// The CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        let mut c = Crc32::new();
        c.update(b"1234");
        c.update(b"56789");
        assert_eq!(c.finish(), 0xCBF4_3926);
    }
}
