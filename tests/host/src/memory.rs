//! Bounds- and alignment-checked access to the guest's linear memory (little-endian).

use crate::errno::{self, Errno};

/// A view of memory 0 for the duration of one host call.
pub struct GuestMemory<'a> {
    bytes: &'a mut [u8],
}

impl<'a> GuestMemory<'a> {
    pub fn new(bytes: &'a mut [u8]) -> Self {
        GuestMemory { bytes }
    }

    /// The guest address range `[ptr, ptr + len)` as host indices, or `FAULT`.
    pub fn range(&self, ptr: u32, len: u32) -> Result<std::ops::Range<usize>, Errno> {
        let start = ptr as usize;
        let end = start.checked_add(len as usize).ok_or(errno::FAULT)?;
        if end > self.bytes.len() {
            return Err(errno::FAULT);
        }
        Ok(start..end)
    }

    pub fn slice(&self, ptr: u32, len: u32) -> Result<&[u8], Errno> {
        let range = self.range(ptr, len)?;
        Ok(&self.bytes[range])
    }

    pub fn slice_mut(&mut self, ptr: u32, len: u32) -> Result<&mut [u8], Errno> {
        let range = self.range(ptr, len)?;
        Ok(&mut self.bytes[range])
    }

    /// Host address of guest offset `ptr` (caller has bounds-checked it).
    pub fn host_ptr(&mut self, ptr: u32) -> *mut u8 {
        self.bytes.as_mut_ptr().wrapping_add(ptr as usize)
    }

    pub fn read_u8(&self, ptr: u32) -> Result<u8, Errno> {
        Ok(self.slice(ptr, 1)?[0])
    }

    pub fn read_u16(&self, ptr: u32) -> Result<u16, Errno> {
        let b = self.slice(ptr, 2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    pub fn read_u32(&self, ptr: u32) -> Result<u32, Errno> {
        let b = self.slice(ptr, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn read_u64(&self, ptr: u32) -> Result<u64, Errno> {
        let b = self.slice(ptr, 8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    pub fn write_bytes(&mut self, ptr: u32, data: &[u8]) -> Result<(), Errno> {
        let len = u32::try_from(data.len()).map_err(|_| errno::FAULT)?;
        self.slice_mut(ptr, len)?.copy_from_slice(data);
        Ok(())
    }

    pub fn write_u8(&mut self, ptr: u32, value: u8) -> Result<(), Errno> {
        self.write_bytes(ptr, &[value])
    }

    pub fn write_u16(&mut self, ptr: u32, value: u16) -> Result<(), Errno> {
        self.write_bytes(ptr, &value.to_le_bytes())
    }

    pub fn write_u32(&mut self, ptr: u32, value: u32) -> Result<(), Errno> {
        self.write_bytes(ptr, &value.to_le_bytes())
    }

    pub fn write_u64(&mut self, ptr: u32, value: u64) -> Result<(), Errno> {
        self.write_bytes(ptr, &value.to_le_bytes())
    }

    /// Reads an iovec array (`{buf: u32, len: u32}` × count) and returns host iovecs
    /// pointing into guest memory. More than 1024 entries is `INVAL`, as in WasmEdge.
    pub fn iovecs(&mut self, array: u32, count: u32) -> Result<Vec<libc::iovec>, Errno> {
        const IOV_MAX: u32 = 1024;
        if count > IOV_MAX {
            return Err(errno::INVAL);
        }
        let table = self
            .slice(array, count.checked_mul(8).ok_or(errno::FAULT)?)?
            .to_vec();
        let mut iovecs = Vec::with_capacity(count as usize);
        for entry in table.chunks_exact(8) {
            let buf = u32::from_le_bytes([entry[0], entry[1], entry[2], entry[3]]);
            let len = u32::from_le_bytes([entry[4], entry[5], entry[6], entry[7]]);
            self.range(buf, len)?;
            iovecs.push(libc::iovec {
                iov_base: self.host_ptr(buf).cast(),
                iov_len: len as usize,
            });
        }
        Ok(iovecs)
    }
}

/// Whether `ptr` is a multiple of `align`.
pub fn is_aligned(ptr: u32, align: u32) -> bool {
    ptr.is_multiple_of(align)
}

/// WasmEdge's `sock_*` wrappers answer a misaligned pointer with `ADDRNOTAVAIL` instead of trapping.
pub fn sock_aligned(ptr: u32, align: u32) -> Result<(), Errno> {
    if is_aligned(ptr, align) {
        Ok(())
    } else {
        Err(errno::ADDRNOTAVAIL)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_little_endian() {
        let mut buf = vec![0u8; 16];
        let mut mem = GuestMemory::new(&mut buf);
        mem.write_u32(4, 0x0102_0304).unwrap();
        assert_eq!(mem.read_u8(4).unwrap(), 4);
        assert_eq!(mem.read_u32(4).unwrap(), 0x0102_0304);
        mem.write_u64(8, u64::MAX - 1).unwrap();
        assert_eq!(mem.read_u64(8).unwrap(), u64::MAX - 1);
    }

    #[test]
    fn out_of_bounds_is_fault() {
        let mut buf = vec![0u8; 8];
        let mut mem = GuestMemory::new(&mut buf);
        assert_eq!(mem.read_u32(6), Err(errno::FAULT));
        assert_eq!(mem.write_u16(u32::MAX, 1), Err(errno::FAULT));
        assert_eq!(mem.slice(8, 0).map(|s| s.len()), Ok(0));
    }

    #[test]
    fn iovecs_are_bounds_checked_and_capped() {
        let mut buf = vec![0u8; 64];
        let mut mem = GuestMemory::new(&mut buf);
        mem.write_u32(0, 32).unwrap();
        mem.write_u32(4, 16).unwrap();
        assert_eq!(mem.iovecs(0, 1).unwrap()[0].iov_len, 16);
        mem.write_u32(4, 40).unwrap();
        assert_eq!(mem.iovecs(0, 1).err(), Some(errno::FAULT));
        assert_eq!(mem.iovecs(0, 1025).err(), Some(errno::INVAL));
    }

    #[test]
    fn misaligned_sock_pointer_is_addrnotavail() {
        assert_eq!(sock_aligned(6, 4), Err(errno::ADDRNOTAVAIL));
        assert_eq!(sock_aligned(8, 4), Ok(()));
    }
}
