//! The pattern parser of `re`: Python's regular-expression syntax (mirrors `re/_parser.py`) to
//! a tree, with CPython's `re.error` messages and positions.

use crate::builtins::str_case::is_space;

/// `re.IGNORECASE`.
pub const IGNORECASE: u32 = 2;
/// `re.LOCALE` (bytes patterns only; refused).
pub const LOCALE: u32 = 4;
/// `re.MULTILINE`.
pub const MULTILINE: u32 = 8;
/// `re.DOTALL`.
pub const DOTALL: u32 = 16;
/// `re.UNICODE`.
pub const UNICODE: u32 = 32;
/// `re.VERBOSE`.
pub const VERBOSE: u32 = 64;
/// `re.ASCII`.
pub const ASCII: u32 = 256;

/// A compile error: CPython's message and the position in the pattern it points at.
#[derive(Debug)]
pub struct PatternError {
    /// The message, without the position suffix.
    pub msg: String,
    /// The index (in characters) in the pattern.
    pub pos: usize,
}

/// One member of a character class.
#[derive(Debug, Clone)]
pub enum ClassItem {
    /// An inclusive range of characters (a single character is a range of one).
    Range(char, char),
    /// `\d`, `\w`, `\s` (negated: `\D`, `\W`, `\S`).
    Category(Category, bool),
}

/// The predefined classes.
#[derive(Debug, Clone, Copy)]
pub enum Category {
    /// `\d`.
    Digit,
    /// `\w`.
    Word,
    /// `\s`.
    Space,
}

/// A character class (`[...]` or a category escape), flags already applied.
#[derive(Debug, Clone)]
pub struct Class {
    /// The members.
    pub items: Vec<ClassItem>,
    /// `[^...]`.
    pub negated: bool,
    /// Compare case-insensitively.
    pub ignore_case: bool,
    /// ASCII-only categories (`re.ASCII` or a bytes pattern).
    pub ascii: bool,
}

/// Zero-width assertions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Assertion {
    /// `\A`, or `^` without MULTILINE.
    StringStart,
    /// `^` with MULTILINE.
    LineStart,
    /// `\Z`.
    StringEnd,
    /// `$` without MULTILINE: the end, or before a final newline.
    EndOrFinalNewline,
    /// `$` with MULTILINE.
    LineEnd,
    /// `\b` (the flag: ASCII word characters only).
    WordBoundary(bool),
    /// `\B`.
    NotWordBoundary(bool),
}

/// How a repetition chooses between one more iteration and stopping.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Greed {
    /// As many as possible, backtracking.
    Greedy,
    /// As few as possible.
    Lazy,
    /// As many as possible, never giving back (`*+`).
    Possessive,
}

/// A parsed pattern.
#[derive(Debug, Clone)]
pub enum Node {
    /// Matches the empty string.
    Empty,
    /// One literal character (the flag: case-insensitive).
    Char(char, bool),
    /// `.` (the flag: DOTALL, which also matches a newline).
    Any(bool),
    /// A character class.
    Class(Box<Class>),
    /// A zero-width assertion.
    Assert(Assertion),
    /// A capturing group (its number) or a plain group (None).
    Group(Option<usize>, Box<Node>),
    /// A sequence.
    Concat(Vec<Node>),
    /// Alternatives, first preferred.
    Alt(Vec<Node>),
    /// A repetition `{min,max}` (max None: unbounded).
    Repeat {
        /// What is repeated.
        node: Box<Node>,
        /// The fewest iterations.
        min: u32,
        /// The most iterations, None for no limit.
        max: Option<u32>,
        /// Greedy, lazy or possessive.
        greed: Greed,
    },
    /// A back reference to a group (the flag: case-insensitive).
    Backref(usize, bool),
    /// A lookaround: ahead or behind, negated or not.
    Look {
        /// True for lookbehind.
        behind: bool,
        /// True for `(?!...)` / `(?<!...)`.
        negated: bool,
        /// The asserted pattern.
        node: Box<Node>,
    },
    /// `(?>...)`: matches once, never backtracked into.
    Atomic(Box<Node>),
    /// `(?(group)yes|no)`.
    Conditional {
        /// The group whose success selects `yes`.
        group: usize,
        /// The pattern when the group matched.
        yes: Box<Node>,
        /// The pattern when it did not.
        no: Box<Node>,
    },
}

/// The result of parsing: the tree, the number of groups, the names and the final flags.
#[derive(Debug)]
pub struct Parsed {
    /// The tree.
    pub node: Node,
    /// How many capturing groups (group 0 not counted).
    pub groups: usize,
    /// Named groups and their numbers, in definition order.
    pub names: Vec<(String, usize)>,
    /// The flags after inline global flags were applied.
    pub flags: u32,
}

const MAX_REPEAT: u64 = 4_294_967_295;

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    flags: u32,
    is_bytes: bool,
    groups: usize,
    open_groups: Vec<usize>,
    names: Vec<(String, usize)>,
    lookbehind_groups: Option<usize>,
    forward_conditions: Vec<(usize, usize)>,
}

/// Parses `pattern` (the characters of a str pattern, or a bytes pattern's bytes as Latin-1).
pub fn parse(pattern: &[char], flags: u32, is_bytes: bool) -> Result<Parsed, PatternError> {
    let mut p = Parser {
        chars: pattern,
        pos: 0,
        flags,
        is_bytes,
        groups: 0,
        open_groups: Vec::new(),
        names: Vec::new(),
        lookbehind_groups: None,
        forward_conditions: Vec::new(),
    };
    if is_bytes && flags & UNICODE != 0 {
        return Err(p.err_at("cannot use UNICODE flag with a bytes pattern", 0));
    }
    if !is_bytes && flags & LOCALE != 0 {
        return Err(p.err_at("cannot use LOCALE flag with a str pattern", 0));
    }
    if flags & ASCII != 0 && flags & UNICODE != 0 {
        return Err(p.err_at("ASCII and UNICODE flags are incompatible", 0));
    }
    if flags & LOCALE != 0 {
        return Err(p.err_at("percolate does not support the LOCALE flag", 0));
    }
    let node = p.parse_alternation(true)?;
    if p.pos < p.chars.len() {
        // Only an unmatched ')' stops the top level early.
        return Err(p.err_at("unbalanced parenthesis", p.pos));
    }
    if let Some(&(group, pos)) = p.forward_conditions.iter().find(|(g, _)| *g > p.groups) {
        return Err(p.err_at(format!("invalid group reference {group}"), pos));
    }
    Ok(Parsed {
        node,
        groups: p.groups,
        names: p.names,
        flags: p.flags,
    })
}

fn is_word_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

impl Parser<'_> {
    fn err_at(&self, msg: impl Into<String>, pos: usize) -> PatternError {
        PatternError {
            msg: msg.into(),
            pos,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn verbose(&self) -> bool {
        self.flags & VERBOSE != 0
    }

    fn ascii(&self) -> bool {
        self.is_bytes || self.flags & ASCII != 0
    }

    fn icase(&self) -> bool {
        self.flags & IGNORECASE != 0
    }

    /// Skips whitespace and `#` comments in VERBOSE mode.
    fn skip_verbose(&mut self) {
        if !self.verbose() {
            return;
        }
        while let Some(c) = self.peek() {
            if is_space(c) {
                self.pos += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn parse_alternation(&mut self, top: bool) -> Result<Node, PatternError> {
        let mut branches = vec![self.parse_sequence(top)?];
        while self.eat('|') {
            branches.push(self.parse_sequence(top)?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    fn parse_sequence(&mut self, top: bool) -> Result<Node, PatternError> {
        let mut items: Vec<Node> = Vec::new();
        loop {
            self.skip_verbose();
            let Some(c) = self.peek() else { break };
            if c == '|' || c == ')' {
                break;
            }
            let start = self.pos;
            if matches!(c, '*' | '+' | '?' | '{') {
                if c == '{' && self.repeat_bounds_ahead().is_none() {
                    self.pos += 1;
                    items.push(Node::Char('{', self.icase()));
                    continue;
                }
                let Some(last) = items.pop() else {
                    return Err(self.err_at("nothing to repeat", start));
                };
                if matches!(last, Node::Assert(_)) {
                    return Err(self.err_at("nothing to repeat", start));
                }
                if matches!(last, Node::Repeat { .. }) && !matches!(last, Node::Group(..)) {
                    return Err(self.err_at("multiple repeat", start));
                }
                let node = self.parse_repeat(last, start)?;
                items.push(node);
                continue;
            }
            let atom = self.parse_atom(top && items.is_empty())?;
            if let Some(atom) = atom {
                items.push(atom);
            }
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    /// The `{m,n}` bounds starting at the current `{`, if it is a valid repeat.
    fn repeat_bounds_ahead(&self) -> Option<(Option<u64>, Option<u64>, usize, bool)> {
        let mut i = self.pos + 1;
        let digits = |i: &mut usize| -> Option<u64> {
            let start = *i;
            while self.chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
                *i += 1;
            }
            (start != *i).then(|| {
                self.chars[start..*i].iter().fold(0u64, |acc, c| {
                    acc.saturating_mul(10)
                        .saturating_add(u64::from(*c as u32 - '0' as u32))
                })
            })
        };
        let min = digits(&mut i);
        let mut has_comma = false;
        let max = if self.chars.get(i) == Some(&',') {
            i += 1;
            has_comma = true;
            digits(&mut i)
        } else {
            min
        };
        if self.chars.get(i) != Some(&'}') {
            return None;
        }
        if min.is_none() && !has_comma {
            return None;
        }
        Some((min, max, i + 1, has_comma))
    }

    fn parse_repeat(&mut self, node: Node, start: usize) -> Result<Node, PatternError> {
        let c = self.chars[self.pos];
        let (min, max) = match c {
            '*' => {
                self.pos += 1;
                (0, None)
            }
            '+' => {
                self.pos += 1;
                (1, None)
            }
            '?' => {
                self.pos += 1;
                (0, Some(1))
            }
            _ => {
                let Some((min, max, end, _)) = self.repeat_bounds_ahead() else {
                    unreachable!("checked by the caller")
                };
                let min = min.unwrap_or(0);
                if min > MAX_REPEAT || max.is_some_and(|m| m > MAX_REPEAT) {
                    return Err(self.err_at("the repetition number is too large", start + 1));
                }
                if let Some(max) = max
                    && max < min
                {
                    return Err(self.err_at("min repeat greater than max repeat", start + 1));
                }
                self.pos = end;
                (min as u32, max.map(|m| m as u32))
            }
        };
        let greed = if self.eat('?') {
            Greed::Lazy
        } else if self.eat('+') {
            Greed::Possessive
        } else {
            Greed::Greedy
        };
        self.skip_verbose();
        if let Some(next) = self.peek()
            && (matches!(next, '*' | '+' | '?')
                || (next == '{' && self.repeat_bounds_ahead().is_some()))
        {
            return Err(self.err_at("multiple repeat", self.pos));
        }
        Ok(Node::Repeat {
            node: Box::new(node),
            min,
            max,
            greed,
        })
    }

    /// One atom; None for something that matches nothing and must not be repeated away
    /// (an inline comment or global flags).
    fn parse_atom(&mut self, at_start: bool) -> Result<Option<Node>, PatternError> {
        let start = self.pos;
        let c = self.chars[self.pos];
        self.pos += 1;
        let node = match c {
            '.' => Node::Any(self.flags & DOTALL != 0),
            '^' => Node::Assert(if self.flags & MULTILINE != 0 {
                Assertion::LineStart
            } else {
                Assertion::StringStart
            }),
            '$' => Node::Assert(if self.flags & MULTILINE != 0 {
                Assertion::LineEnd
            } else {
                Assertion::EndOrFinalNewline
            }),
            '[' => self.parse_class(start)?,
            '(' => return self.parse_group(start, at_start),
            '\\' => self.parse_escape(start)?,
            c => Node::Char(c, self.icase()),
        };
        Ok(Some(node))
    }

    fn parse_escape(&mut self, start: usize) -> Result<Node, PatternError> {
        let Some(c) = self.peek() else {
            return Err(self.err_at("bad escape (end of pattern)", start));
        };
        self.pos += 1;
        let ascii = self.ascii();
        let category = |cat, neg| {
            Node::Class(Box::new(Class {
                items: vec![ClassItem::Category(cat, neg)],
                negated: false,
                ignore_case: false,
                ascii,
            }))
        };
        Ok(match c {
            'A' => Node::Assert(Assertion::StringStart),
            'Z' => Node::Assert(Assertion::StringEnd),
            'b' => Node::Assert(Assertion::WordBoundary(ascii)),
            'B' => Node::Assert(Assertion::NotWordBoundary(ascii)),
            'd' => category(Category::Digit, false),
            'D' => category(Category::Digit, true),
            'w' => category(Category::Word, false),
            'W' => category(Category::Word, true),
            's' => category(Category::Space, false),
            'S' => category(Category::Space, true),
            '1'..='9' => {
                // Octal escape or group reference, as _parser.py _escape decides.
                let mut digits = String::from(c);
                if let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    self.pos += 1;
                    digits.push(d);
                    let octal = |x: char| ('0'..='7').contains(&x);
                    if octal(c)
                        && octal(d)
                        && let Some(e) = self.peek().filter(|e| octal(*e))
                    {
                        self.pos += 1;
                        digits.push(e);
                        let value = u32::from_str_radix(&digits, 8).unwrap_or(0);
                        if value > 0o377 {
                            return Err(self.err_at(
                                format!("octal escape value \\{digits} outside of range 0-0o377"),
                                start,
                            ));
                        }
                        return Ok(Node::Char(
                            char::from_u32(value).unwrap_or('\0'),
                            self.icase(),
                        ));
                    }
                }
                let group: usize = digits.parse().unwrap_or(0);
                if group <= self.groups {
                    if self.open_groups.contains(&group) {
                        return Err(self.err_at("cannot refer to an open group", start));
                    }
                    self.check_lookbehind_group(group, start)?;
                    Node::Backref(group, self.icase())
                } else {
                    return Err(self.err_at(format!("invalid group reference {group}"), start + 1));
                }
            }
            _ => Node::Char(self.char_escape(c, start, false)?, self.icase()),
        })
    }

    fn check_lookbehind_group(&self, group: usize, pos: usize) -> Result<(), PatternError> {
        if let Some(first) = self.lookbehind_groups
            && group >= first
        {
            return Err(self.err_at(
                "cannot refer to group defined in the same lookbehind subpattern",
                pos,
            ));
        }
        Ok(())
    }

    /// The character an escape that is not a class or an assertion stands for (`c` is the
    /// character after the backslash, already consumed).
    fn char_escape(&mut self, c: char, start: usize, in_class: bool) -> Result<char, PatternError> {
        let hex = |p: &mut Self, count: usize, kind: char| -> Result<char, PatternError> {
            let from = p.pos;
            while p.pos < from + count && p.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                p.pos += 1;
            }
            let text: String = p.chars[from..p.pos].iter().collect();
            if text.len() != count {
                return Err(p.err_at(format!("incomplete escape \\{kind}{text}"), start));
            }
            let value = u32::from_str_radix(&text, 16).unwrap_or(0);
            char::from_u32(value)
                .ok_or_else(|| p.err_at(format!("bad escape \\{kind}{text}"), start))
        };
        Ok(match c {
            'a' => '\x07',
            'b' if in_class => '\x08',
            'f' => '\x0c',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\x0b',
            '\\' => '\\',
            'x' => hex(self, 2, 'x')?,
            'u' if !self.is_bytes => hex(self, 4, 'u')?,
            'U' if !self.is_bytes => hex(self, 8, 'U')?,
            '0'..='7' if c == '0' || in_class => {
                let mut value = c as u32 - '0' as u32;
                let mut count = 1;
                while count < 3
                    && let Some(d) = self.peek().filter(|d| ('0'..='7').contains(d))
                {
                    self.pos += 1;
                    value = value * 8 + (d as u32 - '0' as u32);
                    count += 1;
                }
                if value > 0o377 {
                    let text: String = self.chars[start..self.pos].iter().collect();
                    return Err(self.err_at(
                        format!("octal escape value {text} outside of range 0-0o377"),
                        start,
                    ));
                }
                char::from_u32(value).unwrap_or('\0')
            }
            c if c.is_ascii_alphanumeric() => {
                return Err(self.err_at(format!("bad escape \\{c}"), start));
            }
            c => c,
        })
    }

    fn parse_class(&mut self, start: usize) -> Result<Node, PatternError> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        let first = self.pos;
        let ascii = self.ascii();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err_at("unterminated character set", start));
            };
            if c == ']' && self.pos != first {
                self.pos += 1;
                break;
            }
            let item_start = self.pos;
            let low = self.class_member()?;
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|c| *c != ']') {
                self.pos += 1;
                let high_start = self.pos;
                let high = self.class_member()?;
                let (ClassItem::Range(lo, _), ClassItem::Range(hi, _)) = (&low, &high) else {
                    let text: String = self.chars[item_start..self.pos].iter().collect();
                    return Err(self.err_at(format!("bad character range {text}"), item_start));
                };
                let _ = high_start;
                if hi < lo {
                    let text: String = self.chars[item_start..self.pos].iter().collect();
                    return Err(self.err_at(format!("bad character range {text}"), item_start));
                }
                items.push(ClassItem::Range(*lo, *hi));
            } else {
                items.push(low);
            }
        }
        Ok(Node::Class(Box::new(Class {
            items,
            negated,
            ignore_case: self.icase(),
            ascii,
        })))
    }

    fn class_member(&mut self) -> Result<ClassItem, PatternError> {
        let start = self.pos;
        let c = self.chars[self.pos];
        self.pos += 1;
        if c != '\\' {
            return Ok(ClassItem::Range(c, c));
        }
        let Some(e) = self.peek() else {
            return Err(self.err_at("unterminated character set", start));
        };
        self.pos += 1;
        Ok(match e {
            'd' => ClassItem::Category(Category::Digit, false),
            'D' => ClassItem::Category(Category::Digit, true),
            'w' => ClassItem::Category(Category::Word, false),
            'W' => ClassItem::Category(Category::Word, true),
            's' => ClassItem::Category(Category::Space, false),
            'S' => ClassItem::Category(Category::Space, true),
            _ => {
                let ch = self.char_escape(e, start, true)?;
                ClassItem::Range(ch, ch)
            }
        })
    }

    fn group_name(&mut self, terminator: char) -> Result<String, PatternError> {
        let start = self.pos;
        loop {
            match self.peek() {
                None => {
                    return Err(
                        self.err_at(format!("missing {terminator}, unterminated name"), start)
                    );
                }
                Some(c) if c == terminator => break,
                Some(_) => self.pos += 1,
            }
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        self.pos += 1;
        if name.is_empty() {
            return Err(self.err_at("missing group name", start));
        }
        let mut it = name.chars();
        let valid =
            it.next().is_some_and(is_word_start) && it.all(|c| c == '_' || c.is_alphanumeric());
        if !valid || (self.is_bytes && !name.is_ascii()) {
            return Err(self.err_at(format!("bad character in group name '{name}'"), start));
        }
        Ok(name)
    }

    fn expect_close(&mut self, open: usize) -> Result<(), PatternError> {
        if self.eat(')') {
            Ok(())
        } else {
            Err(self.err_at("missing ), unterminated subpattern", open))
        }
    }

    fn capture(&mut self, open: usize, name: Option<String>) -> Result<Node, PatternError> {
        self.groups += 1;
        let index = self.groups;
        if let Some(name) = name {
            if let Some((_, old)) = self.names.iter().find(|(n, _)| *n == name) {
                return Err(self.err_at(
                    format!(
                        "redefinition of group name '{name}' as group {index}; was group {old}"
                    ),
                    open + 4,
                ));
            }
            self.names.push((name, index));
        }
        self.open_groups.push(index);
        let inner = self.parse_alternation(false)?;
        self.expect_close(open)?;
        self.open_groups.retain(|g| *g != index);
        Ok(Node::Group(Some(index), Box::new(inner)))
    }

    fn parse_group(&mut self, open: usize, at_start: bool) -> Result<Option<Node>, PatternError> {
        if !self.eat('?') {
            return self.capture(open, None).map(Some);
        }
        let Some(c) = self.peek() else {
            return Err(self.err_at("unexpected end of pattern", self.pos));
        };
        self.pos += 1;
        let node = match c {
            ':' => {
                let inner = self.parse_alternation(false)?;
                self.expect_close(open)?;
                Node::Group(None, Box::new(inner))
            }
            'P' => match self.peek() {
                Some('<') => {
                    self.pos += 1;
                    let name = self.group_name('>')?;
                    return self.capture(open, Some(name)).map(Some);
                }
                Some('=') => {
                    self.pos += 1;
                    let name_pos = self.pos;
                    let name = self.group_name(')')?;
                    let Some(&(_, group)) = self.names.iter().find(|(n, _)| *n == name) else {
                        return Err(self.err_at(format!("unknown group name '{name}'"), name_pos));
                    };
                    if self.open_groups.contains(&group) {
                        return Err(self.err_at("cannot refer to an open group", name_pos));
                    }
                    self.check_lookbehind_group(group, name_pos)?;
                    return Ok(Some(Node::Backref(group, self.icase())));
                }
                Some(other) => {
                    return Err(self.err_at(format!("unknown extension ?P{other}"), open + 1));
                }
                None => return Err(self.err_at("unexpected end of pattern", self.pos)),
            },
            '#' => {
                loop {
                    match self.peek() {
                        None => {
                            return Err(self.err_at("missing ), unterminated comment", open));
                        }
                        Some(')') => break,
                        Some(_) => self.pos += 1,
                    }
                }
                self.pos += 1;
                return Ok(None);
            }
            '=' | '!' => {
                let inner = self.parse_alternation(false)?;
                self.expect_close(open)?;
                Node::Look {
                    behind: false,
                    negated: c == '!',
                    node: Box::new(inner),
                }
            }
            '<' => {
                let negated = match self.peek() {
                    Some('=') => false,
                    Some('!') => true,
                    Some(other) => {
                        return Err(self.err_at(format!("unknown extension ?<{other}"), open + 1));
                    }
                    None => return Err(self.err_at("unexpected end of pattern", self.pos)),
                };
                self.pos += 1;
                let saved = self.lookbehind_groups;
                if saved.is_none() {
                    self.lookbehind_groups = Some(self.groups + 1);
                }
                let inner = self.parse_alternation(false)?;
                self.lookbehind_groups = saved;
                self.expect_close(open)?;
                if fixed_width(&inner).is_none() {
                    return Err(self.err_at("look-behind requires fixed-width pattern", usize::MAX));
                }
                Node::Look {
                    behind: true,
                    negated,
                    node: Box::new(inner),
                }
            }
            '>' => {
                let inner = self.parse_alternation(false)?;
                self.expect_close(open)?;
                Node::Atomic(Box::new(inner))
            }
            '(' => {
                let name_pos = self.pos;
                let name = loop {
                    match self.peek() {
                        None => {
                            return Err(self.err_at("missing ), unterminated name", name_pos));
                        }
                        Some(')') => {
                            let name: String = self.chars[name_pos..self.pos].iter().collect();
                            self.pos += 1;
                            break name;
                        }
                        Some(_) => self.pos += 1,
                    }
                };
                if name.is_empty() {
                    return Err(self.err_at("missing group name", name_pos));
                }
                let group = if let Some(&(_, g)) = self.names.iter().find(|(n, _)| *n == name) {
                    g
                } else if name.chars().all(|c| c.is_ascii_digit()) {
                    let g: usize = name.parse().unwrap_or(usize::MAX);
                    if g == 0 {
                        return Err(self.err_at("bad group number", name_pos));
                    }
                    // A condition may name a group defined later; checked at the end.
                    self.forward_conditions.push((g, name_pos));
                    g
                } else {
                    let mut it = name.chars();
                    let valid = it.next().is_some_and(is_word_start)
                        && it.all(|c| c == '_' || c.is_alphanumeric());
                    return Err(if valid {
                        self.err_at(format!("unknown group name '{name}'"), name_pos)
                    } else {
                        self.err_at(format!("bad character in group name '{name}'"), name_pos)
                    });
                };
                let yes = self.parse_sequence(false)?;
                let no = if self.eat('|') {
                    let no = self.parse_sequence(false)?;
                    if self.peek() == Some('|') {
                        return Err(self
                            .err_at("conditional backref with more than two branches", self.pos));
                    }
                    no
                } else {
                    Node::Empty
                };
                self.expect_close(open)?;
                Node::Conditional {
                    group,
                    yes: Box::new(yes),
                    no: Box::new(no),
                }
            }
            c if "aiLmsux-".contains(c) => {
                self.pos -= 1;
                return self.parse_flags(open, at_start);
            }
            other => {
                return Err(self.err_at(format!("unknown extension ?{other}"), open + 1));
            }
        };
        Ok(Some(node))
    }

    fn flag_value(c: char) -> Option<u32> {
        Some(match c {
            'a' => ASCII,
            'i' => IGNORECASE,
            'L' => LOCALE,
            'm' => MULTILINE,
            's' => DOTALL,
            'u' => UNICODE,
            'x' => VERBOSE,
            _ => return None,
        })
    }

    /// `(?flags)` (global, only at the start) or `(?flags-flags:...)` (scoped).
    fn parse_flags(&mut self, open: usize, at_start: bool) -> Result<Option<Node>, PatternError> {
        let mut on = 0;
        while let Some(c) = self.peek() {
            let Some(f) = Self::flag_value(c) else { break };
            on |= f;
            self.pos += 1;
        }
        if self.eat(')') {
            if !at_start {
                return Err(self.err_at("global flags not at the start of the expression", open));
            }
            if on & LOCALE != 0 {
                return Err(self.err_at("percolate does not support the LOCALE flag", open));
            }
            if on & UNICODE != 0 && self.is_bytes {
                return Err(self.err_at(
                    "bad inline flags: cannot use 'u' flag with a bytes pattern",
                    self.pos - 1,
                ));
            }
            if on & ASCII != 0 && !self.is_bytes && self.flags & UNICODE != 0 {
                return Err(self.err_at(
                    "bad inline flags: flags 'a', 'u' and 'L' are incompatible",
                    self.pos - 1,
                ));
            }
            self.flags |= on;
            return Ok(None);
        }
        let mut off = 0;
        if self.eat('-') {
            loop {
                match self.peek() {
                    Some(c) if matches!(c, 'i' | 'm' | 's' | 'x') => {
                        off |= Self::flag_value(c).unwrap_or(0);
                        self.pos += 1;
                    }
                    Some(':') => break,
                    Some(c) if c.is_alphabetic() => {
                        return Err(self.err_at("unknown flag", self.pos));
                    }
                    None => return Err(self.err_at("missing :", self.pos)),
                    Some(_) => {
                        if off == 0 {
                            return Err(self.err_at("missing flag", self.pos));
                        }
                        return Err(self.err_at("missing :", self.pos));
                    }
                }
            }
            if off == 0 {
                return Err(self.err_at("missing flag", self.pos));
            }
        }
        match self.peek() {
            Some(':') => self.pos += 1,
            None => return Err(self.err_at("missing -, : or )", self.pos)),
            Some(c) if c.is_alphabetic() => return Err(self.err_at("unknown flag", self.pos)),
            Some(_) => return Err(self.err_at("missing -, : or )", self.pos)),
        }
        if on & off != 0 {
            return Err(self.err_at("bad inline flags: flag turned on and off", self.pos - 1));
        }
        if on & (LOCALE | UNICODE | ASCII) != 0 && on & ASCII == 0 {
            return Err(self.err_at("percolate does not support scoped 'L' or 'u' flags", open));
        }
        let saved = self.flags;
        self.flags = (self.flags | on) & !off;
        let inner = self.parse_alternation(false);
        self.flags = saved;
        let inner = inner?;
        self.expect_close(open)?;
        Ok(Some(Node::Group(None, Box::new(inner))))
    }
}

/// The width of a pattern when every match has the same length (lookbehind needs it).
pub fn fixed_width(node: &Node) -> Option<usize> {
    match node {
        Node::Empty | Node::Assert(_) | Node::Look { .. } => Some(0),
        Node::Char(..) | Node::Any(_) | Node::Class(_) => Some(1),
        Node::Group(_, inner) | Node::Atomic(inner) => fixed_width(inner),
        Node::Concat(items) => items.iter().map(fixed_width).sum(),
        Node::Alt(branches) => {
            let first = fixed_width(branches.first()?)?;
            branches
                .iter()
                .all(|b| fixed_width(b) == Some(first))
                .then_some(first)
        }
        Node::Repeat { node, min, max, .. } => {
            let width = fixed_width(node)?;
            if Some(*min) == *max || width == 0 {
                Some(width * *min as usize)
            } else {
                None
            }
        }
        Node::Backref(..) => None,
        Node::Conditional { yes, no, .. } => {
            let width = fixed_width(yes)?;
            (fixed_width(no) == Some(width)).then_some(width)
        }
    }
}
