//! Host capabilities behind one small interface.
