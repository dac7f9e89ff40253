//! String helpers: CPython's `repr` of str and bytes, char indexing and slicing.

/// Mirrors unicode_repr (the algorithm lives in `builtins::str_repr`).
pub fn str_repr(s: &str) -> String {
    crate::builtins::str_repr::str_repr(s)
}

/// Mirrors bytes_repr.
pub fn bytes_repr(b: &[u8]) -> String {
    crate::builtins::str_repr::bytes_repr(b)
}

/// The char at code-point index `i` (ASCII fast path).
pub fn char_at(s: &str, ascii: bool, i: usize) -> Option<char> {
    if ascii {
        s.as_bytes().get(i).map(|b| *b as char)
    } else {
        s.chars().nth(i)
    }
}

/// Normalises a Python slice (start, stop, step possibly None/negative) against `len`,
/// returning the selected indices. Mirrors PySlice_AdjustIndices.
pub fn slice_indices(start: Option<i64>, stop: Option<i64>, step: i64, len: usize) -> Vec<usize> {
    let len = len as i64;
    let (lo_default, hi_default) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let adjust = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(mut x) => {
                if x < 0 {
                    x += len;
                    if x < 0 {
                        x = if step < 0 { -1 } else { 0 };
                    }
                } else if x >= len {
                    x = if step < 0 { len - 1 } else { len };
                }
                x
            }
        }
    };
    let start = adjust(start, lo_default);
    let stop = adjust(stop, hi_default);
    let mut out = Vec::new();
    let mut i = start;
    if step > 0 {
        while i < stop {
            out.push(i as usize);
            i += step;
        }
    } else {
        while i > stop {
            out.push(i as usize);
            i += step;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_normalise_like_cpython() {
        assert_eq!(slice_indices(None, None, -1, 3), vec![2, 1, 0]);
        assert_eq!(slice_indices(Some(-2), None, 1, 3), vec![1, 2]);
    }
}
