//! The write side shared by the protocol engines: an ordered queue of byte chunks flushed to a
//! [`ByteStream`] with vectored writes.

use std::{
    collections::VecDeque,
    io::{self, IoSlice},
};

use crate::byte_stream::ByteStream;

/// Chunks written at once by one vectored write.
const MAX_SLICES: usize = 32;

/// Bytes waiting to be written, in order.
#[derive(Default)]
pub struct OutQueue {
    chunks: VecDeque<Vec<u8>>,
    /// Bytes of the first chunk already written.
    offset: usize,
    len: usize,
}

/// What a flush did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flushed {
    /// Everything queued was written.
    All,
    /// The stream would block: wait for `poll_write_ready` before the next flush.
    Blocked,
}

impl OutQueue {
    /// Bytes not written yet.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        self.len += bytes.len();
        // Small pieces join the last chunk: fewer slices per write.
        if let Some(last) = self.chunks.back_mut() {
            if bytes.len() <= 512 && last.len() + bytes.len() <= 16 * 1024 {
                last.extend_from_slice(&bytes);
                return;
            }
        }
        self.chunks.push_back(bytes);
    }

    /// Appends bytes by copying them (small pieces: framing lines, heads).
    pub fn push_slice(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.len += bytes.len();
        if let Some(last) = self.chunks.back_mut() {
            if last.len() + bytes.len() <= 16 * 1024 {
                last.extend_from_slice(bytes);
                return;
            }
        }
        self.chunks.push_back(bytes.to_vec());
    }

    pub fn clear(&mut self) {
        self.chunks.clear();
        self.offset = 0;
        self.len = 0;
    }

    /// Writes as much as the stream takes.
    pub fn flush(&mut self, stream: &mut dyn ByteStream) -> io::Result<Flushed> {
        while self.len > 0 {
            let mut slices: [IoSlice<'_>; MAX_SLICES] = [IoSlice::new(&[]); MAX_SLICES];
            let mut count = 0;
            for (i, chunk) in self.chunks.iter().take(MAX_SLICES).enumerate() {
                let bytes = if i == 0 { &chunk[self.offset..] } else { &chunk[..] };
                slices[count] = IoSlice::new(bytes);
                count += 1;
            }
            let written = match stream.try_write_vectored(&slices[..count])? {
                None => return Ok(Flushed::Blocked),
                Some(0) => return Err(io::Error::new(io::ErrorKind::WriteZero, "the connection accepts no more data")),
                Some(n) => n,
            };
            // After a short write the next one normally reports WouldBlock: only that proves
            // the stream will signal when it can take more.
            self.advance(written);
        }
        Ok(Flushed::All)
    }

    fn advance(&mut self, mut n: usize) {
        self.len -= n;
        while n > 0 {
            let Some(first) = self.chunks.front() else { break };
            let left = first.len() - self.offset;
            if n >= left {
                n -= left;
                self.offset = 0;
                self.chunks.pop_front();
            } else {
                self.offset += n;
                n = 0;
            }
        }
        if self.chunks.is_empty() && self.chunks.capacity() > 16 {
            // Give back a large queue once everything is out.
            self.chunks = VecDeque::new();
        }
    }
}
