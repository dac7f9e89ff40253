//! Implicit concatenation of string, bytes and f-string literals, and the sub-parse of
//! f-string replacement fields into `JoinedStr`/`FormattedValue` as CPython's `ast` shows them.

use super::helpers::{Ctx, PError, constant, expr};
use crate::ast::*;
use crate::token::{FStringField, FStringPart, Tok};

/// Builds the node for adjacent literals: `Constant(Str)`, `Constant(Bytes)` or `JoinedStr`.
pub fn strings(
    ctx: &Ctx,
    pieces: Vec<(usize, Tok, usize)>,
    l: usize,
    r: usize,
) -> Result<Expr, PError> {
    let bytes_count = pieces
        .iter()
        .filter(|(_, tok, _)| matches!(tok, Tok::Bytes(_)))
        .count();
    if bytes_count == pieces.len() {
        let mut value = Vec::new();
        for (_, tok, _) in pieces {
            if let Tok::Bytes(b) = tok {
                value.extend(b);
            }
        }
        return Ok(constant(Constant::Bytes(value), l, r));
    }
    if bytes_count > 0 {
        // pegen reports this at the end of the last literal.
        return Err(ctx.error("cannot mix bytes and nonbytes literals", r, r));
    }
    let has_fstring = pieces
        .iter()
        .any(|(_, tok, _)| matches!(tok, Tok::FString(_)));
    if !has_fstring {
        let mut value = String::new();
        for (_, tok, _) in pieces {
            if let Tok::Str(s) = tok {
                value.push_str(&s);
            }
        }
        return Ok(constant(Constant::Str(value), l, r));
    }
    let mut builder = JoinedBuilder::new(l, r);
    for (_, tok, _) in pieces {
        match tok {
            Tok::Str(s) => builder.literal(&s),
            Tok::FString(parts) => builder.parts(ctx, parts)?,
            _ => unreachable!("only string tokens reach strings()"),
        }
    }
    Ok(builder.finish())
}

/// Accumulates the values of a `JoinedStr`, merging adjacent literal text.
struct JoinedBuilder {
    /// Finished values.
    values: Vec<Expr>,
    /// Literal text not yet turned into a `Constant`.
    pending: String,
    /// Span start of the whole literal group.
    l: usize,
    /// Span end of the whole literal group.
    r: usize,
}

impl JoinedBuilder {
    fn new(l: usize, r: usize) -> Self {
        JoinedBuilder {
            values: Vec::new(),
            pending: String::new(),
            l,
            r,
        }
    }

    fn literal(&mut self, text: &str) {
        self.pending.push_str(text);
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let text = std::mem::take(&mut self.pending);
            self.values
                .push(constant(Constant::Str(text), self.l, self.r));
        }
    }

    fn parts(&mut self, ctx: &Ctx, parts: Vec<FStringPart>) -> Result<(), PError> {
        for part in parts {
            match part {
                FStringPart::Literal(text) => self.literal(&text),
                FStringPart::Field(field) => {
                    if let Some(debug) = &field.debug_text {
                        self.pending.push_str(debug);
                    }
                    self.flush();
                    let value = formatted_value(ctx, field, self.l, self.r)?;
                    self.values.push(value);
                }
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Expr {
        self.flush();
        expr(ExprKind::JoinedStr(self.values), self.l, self.r)
    }
}

/// One replacement field as a `FormattedValue`.
fn formatted_value(ctx: &Ctx, field: FStringField, l: usize, r: usize) -> Result<Expr, PError> {
    let value = super::parse_field_expression(ctx, &field.expr_source, field.expr_offset)?;
    let conversion = match field.conversion {
        None => None,
        Some('r') => Some(Conversion::Repr),
        Some('s') => Some(Conversion::Str),
        Some('a') => Some(Conversion::Ascii),
        Some(_) => {
            return Err(ctx.error(
                "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                r,
                r,
            ));
        }
    };
    let format_spec = match field.format_spec {
        None => None,
        Some(parts) => {
            let mut spec = JoinedBuilder::new(l, r);
            spec.parts(ctx, parts)?;
            Some(Box::new(spec.finish()))
        }
    };
    let node = ExprKind::FormattedValue {
        value: Box::new(value),
        conversion,
        format_spec,
    };
    Ok(expr(node, l, r))
}
