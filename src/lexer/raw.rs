//! The logos-generated raw scanner: one token per operator, name start, number start, quote,
//! comment, newline or backslash. Indentation, strings and numbers are finished by hand in
//! the wrapper, which needs context the regular scanner does not have.

use logos::Logos;

/// A raw token; spaces, tabs and form feeds between tokens are skipped.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
#[logos(skip r"[ \t\x0c]+")]
pub(super) enum RawTok {
    /// `# ...` up to (not including) the end of the line.
    #[regex(r"#[^\r\n]*", allow_greedy = true)]
    Comment,
    /// A physical line end (`\n`, `\r\n` or a lone `\r`).
    #[regex(r"\r\n|\n|\r")]
    Newline,
    /// A backslash: a line continuation when a line end follows.
    #[token("\\")]
    Backslash,
    /// An ASCII identifier; the wrapper extends it over non-ASCII characters.
    #[regex(r"[A-Za-z_][A-Za-z0-9_]*")]
    Name,
    /// The first character(s) of a number; the wrapper scans the rest.
    #[regex(r"[0-9]|\.[0-9]")]
    NumberStart,
    /// An opening `'` or `"` without prefix.
    #[token("'")]
    #[token("\"")]
    Quote,
    /// `(`.
    #[token("(")]
    Lpar,
    /// `)`.
    #[token(")")]
    Rpar,
    /// `[`.
    #[token("[")]
    Lsqb,
    /// `]`.
    #[token("]")]
    Rsqb,
    /// `{`.
    #[token("{")]
    Lbrace,
    /// `}`.
    #[token("}")]
    Rbrace,
    /// `:`.
    #[token(":")]
    Colon,
    /// `,`.
    #[token(",")]
    Comma,
    /// `;`.
    #[token(";")]
    Semi,
    /// `.`.
    #[token(".")]
    Dot,
    /// `...`.
    #[token("...")]
    Ellipsis,
    /// `->`.
    #[token("->")]
    Arrow,
    /// `:=`.
    #[token(":=")]
    ColonEqual,
    /// `=`.
    #[token("=")]
    Equal,
    /// `+`.
    #[token("+")]
    Plus,
    /// `-`.
    #[token("-")]
    Minus,
    /// `*`.
    #[token("*")]
    Star,
    /// `**`.
    #[token("**")]
    DoubleStar,
    /// `/`.
    #[token("/")]
    Slash,
    /// `//`.
    #[token("//")]
    DoubleSlash,
    /// `%`.
    #[token("%")]
    Percent,
    /// `@`.
    #[token("@")]
    At,
    /// `|`.
    #[token("|")]
    Vbar,
    /// `&`.
    #[token("&")]
    Amper,
    /// `^`.
    #[token("^")]
    Circumflex,
    /// `~`.
    #[token("~")]
    Tilde,
    /// `<<`.
    #[token("<<")]
    LeftShift,
    /// `>>`.
    #[token(">>")]
    RightShift,
    /// `<`.
    #[token("<")]
    Less,
    /// `>`.
    #[token(">")]
    Greater,
    /// `<=`.
    #[token("<=")]
    LessEqual,
    /// `>=`.
    #[token(">=")]
    GreaterEqual,
    /// `==`.
    #[token("==")]
    EqEqual,
    /// `!=`.
    #[token("!=")]
    NotEqual,
    /// `+=`.
    #[token("+=")]
    PlusEqual,
    /// `-=`.
    #[token("-=")]
    MinEqual,
    /// `*=`.
    #[token("*=")]
    StarEqual,
    /// `/=`.
    #[token("/=")]
    SlashEqual,
    /// `//=`.
    #[token("//=")]
    DoubleSlashEqual,
    /// `%=`.
    #[token("%=")]
    PercentEqual,
    /// `@=`.
    #[token("@=")]
    AtEqual,
    /// `&=`.
    #[token("&=")]
    AmperEqual,
    /// `|=`.
    #[token("|=")]
    VbarEqual,
    /// `^=`.
    #[token("^=")]
    CircumflexEqual,
    /// `<<=`.
    #[token("<<=")]
    LeftShiftEqual,
    /// `>>=`.
    #[token(">>=")]
    RightShiftEqual,
    /// `**=`.
    #[token("**=")]
    DoubleStarEqual,
    /// `!` alone (only meaningful inside f-string fields).
    #[token("!")]
    Exclamation,
}
