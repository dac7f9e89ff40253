//! The tokens the lexer hands to the lalrpop grammar.
//!
//! This is the contract between `lexer.rs` (which turns source text into `(start, Tok, end)`
//! triples, byte offsets) and `grammar/python.lalrpop` (whose `extern` block names these
//! variants). Literal values are already decoded: escapes resolved, numbers parsed.

use num_bigint::BigInt;

/// One token of Python source.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier (NFKC-normalised), including the soft keywords `match`, `case`, `type`, `_`.
    Name(String),
    /// An integer literal of any size.
    Int(BigInt),
    /// A float literal.
    Float(f64),
    /// An imaginary literal such as `3j` (the imaginary part).
    Imaginary(f64),
    /// A string literal with escapes decoded (one token per literal; the parser concatenates).
    Str(String),
    /// A bytes literal with escapes decoded.
    Bytes(Vec<u8>),
    /// An f-string literal, split into literal text and replacement fields.
    FString(Vec<FStringPart>),
    /// End of a logical line.
    Newline,
    /// Indentation increased (zero width).
    Indent,
    /// Indentation decreased by one level (zero width).
    Dedent,

    // Keywords.
    /// `False`.
    False,
    /// `None`.
    None,
    /// `True`.
    True,
    /// `and`.
    And,
    /// `as`.
    As,
    /// `assert`.
    Assert,
    /// `async`.
    Async,
    /// The soft keyword `match` opening a match statement (made from a `Name` by the
    /// parser's token pre-pass; the lexer never produces it).
    Match,
    /// The soft keyword `case` opening a case block (made by the same pre-pass).
    Case,
    /// `await`.
    Await,
    /// `break`.
    Break,
    /// `class`.
    Class,
    /// `continue`.
    Continue,
    /// `def`.
    Def,
    /// `del`.
    Del,
    /// `elif`.
    Elif,
    /// `else`.
    Else,
    /// `except`.
    Except,
    /// `finally`.
    Finally,
    /// `for`.
    For,
    /// `from`.
    From,
    /// `global`.
    Global,
    /// `if`.
    If,
    /// `import`.
    Import,
    /// `in`.
    In,
    /// `is`.
    Is,
    /// `lambda`.
    Lambda,
    /// `nonlocal`.
    Nonlocal,
    /// `not`.
    Not,
    /// `or`.
    Or,
    /// `pass`.
    Pass,
    /// `raise`.
    Raise,
    /// `return`.
    Return,
    /// `try`.
    Try,
    /// `while`.
    While,
    /// `with`.
    With,
    /// `yield`.
    Yield,

    // Delimiters and operators.
    /// `(`.
    Lpar,
    /// `)`.
    Rpar,
    /// `[`.
    Lsqb,
    /// `]`.
    Rsqb,
    /// `{`.
    Lbrace,
    /// `}`.
    Rbrace,
    /// `:`.
    Colon,
    /// `,`.
    Comma,
    /// `;`.
    Semi,
    /// `.`.
    Dot,
    /// `...`.
    Ellipsis,
    /// `->`.
    Arrow,
    /// `:=`.
    ColonEqual,
    /// `=`.
    Equal,
    /// `+`.
    Plus,
    /// `-`.
    Minus,
    /// `*`.
    Star,
    /// `**`.
    DoubleStar,
    /// `/`.
    Slash,
    /// `//`.
    DoubleSlash,
    /// `%`.
    Percent,
    /// `@`.
    At,
    /// `|`.
    Vbar,
    /// `&`.
    Amper,
    /// `^`.
    Circumflex,
    /// `~`.
    Tilde,
    /// `<<`.
    LeftShift,
    /// `>>`.
    RightShift,
    /// `<`.
    Less,
    /// `>`.
    Greater,
    /// `<=`.
    LessEqual,
    /// `>=`.
    GreaterEqual,
    /// `==`.
    EqEqual,
    /// `!=`.
    NotEqual,
    /// `+=`.
    PlusEqual,
    /// `-=`.
    MinEqual,
    /// `*=`.
    StarEqual,
    /// `/=`.
    SlashEqual,
    /// `//=`.
    DoubleSlashEqual,
    /// `%=`.
    PercentEqual,
    /// `@=`.
    AtEqual,
    /// `&=`.
    AmperEqual,
    /// `|=`.
    VbarEqual,
    /// `^=`.
    CircumflexEqual,
    /// `<<=`.
    LeftShiftEqual,
    /// `>>=`.
    RightShiftEqual,
    /// `**=`.
    DoubleStarEqual,
}

/// A piece of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FStringPart {
    /// Literal text with escapes decoded and `{{`/`}}` collapsed.
    Literal(String),
    /// A `{expr!c:spec}` replacement field.
    Field(FStringField),
}

/// One replacement field of an f-string; the parser parses `expr_source` as an expression.
#[derive(Clone, Debug, PartialEq)]
pub struct FStringField {
    /// The expression text exactly as written (without `=`, conversion and spec).
    pub expr_source: String,
    /// Byte offset of `expr_source` in the whole file, so nested spans stay file-relative.
    pub expr_offset: usize,
    /// For `{x=}`: the literal text to emit before the value (`"x="`, whitespace kept).
    pub debug_text: Option<String>,
    /// `'r'`, `'s'` or `'a'` when a `!` conversion is given.
    pub conversion: Option<char>,
    /// The format spec after `:`, itself made of literal text and nested fields.
    pub format_spec: Option<Vec<FStringPart>>,
}
