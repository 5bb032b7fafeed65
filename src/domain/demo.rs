//! Deterministic demo data (filled in below).
