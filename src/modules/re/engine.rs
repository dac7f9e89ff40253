//! The matcher of `re`: the parsed tree compiled to a small instruction program run by a
//! backtracking machine with an explicit stack (deep inputs never recurse in Rust), with the
//! search semantics of CPython's `_sre` (leftmost match, first alternative preferred, empty
//! iterations end a loop, `must_advance` for the iteration after an empty match).

use super::parse::{Assertion, Category, Class, ClassItem, Greed, Node, Parsed};
use crate::builtins::str_case::{is_alnum, is_decimal, is_space};

/// The most instructions a pattern may compile to (counted repeats are unrolled).
const MAX_PROGRAM: usize = 1 << 20;

/// One instruction.
#[derive(Debug, Clone)]
enum Inst {
    /// Matches one character exactly.
    Char(char),
    /// Matches one character whose case fold is this.
    CharFold(char),
    /// Matches any character but a newline.
    AnyNoNewline,
    /// Matches any character.
    Any,
    /// Matches one character of a class.
    Class(Box<Class>),
    /// A zero-width test.
    Assert(Assertion),
    /// Continues at the first target; on failure, at the second.
    Split(usize, usize),
    /// Continues at the target.
    Jmp(usize),
    /// Records the position in a capture slot.
    Save(usize),
    /// Matches the text a group captured (case-insensitively with the flag).
    Backref(usize, bool),
    /// Runs a sub-program at this position (or `behind` characters earlier) as a test.
    Look {
        /// Index of the sub-program.
        sub: usize,
        /// For lookbehind: the fixed width looked back.
        behind: Option<usize>,
        /// Succeeds when the sub-program fails.
        negated: bool,
    },
    /// Runs a sub-program once, keeping its first match and never backtracking into it.
    Atomic(usize),
    /// Continues when the group matched, else at the target.
    IfGroup(usize, usize),
    /// Remembers the position in a loop register.
    Mark(usize),
    /// After an iteration: to `exit` when it matched the empty string (its start, kept in the
    /// register, is the current position), else on.
    SkipIfNoProgress {
        /// The register the iteration's start was marked in.
        reg: usize,
        /// Past the repetition.
        exit: usize,
    },
    /// A match.
    Match,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Program {
    /// The sub-programs; 0 is the whole pattern, the others lookarounds and atomic groups.
    subs: Vec<Vec<Inst>>,
    /// How many capture slots (two per group, group 0 included).
    slots: usize,
    /// How many loop registers.
    regs: usize,
    /// Case folding is ASCII-only (bytes patterns, `re.ASCII`).
    ascii_case: bool,
    /// The pattern can only match at the start position (`\A` first).
    anchored: bool,
    /// The literal every match starts with, for a fast scan.
    first_char: Option<char>,
}

/// Folds a character's case the way `_sre` compares under IGNORECASE.
fn fold(c: char, ascii: bool) -> char {
    if ascii {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn upper(c: char, ascii: bool) -> char {
    if ascii {
        return c.to_ascii_uppercase();
    }
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

fn is_word(c: char, ascii: bool) -> bool {
    if ascii {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        is_alnum(c) || c == '_'
    }
}

fn in_category(c: char, cat: Category, ascii: bool) -> bool {
    match cat {
        Category::Digit if ascii => c.is_ascii_digit(),
        Category::Digit => is_decimal(c),
        Category::Word => is_word(c, ascii),
        Category::Space if ascii => matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'),
        Category::Space => is_space(c),
    }
}

fn class_contains_exact(class: &Class, c: char) -> bool {
    class.items.iter().any(|item| match item {
        ClassItem::Range(lo, hi) => (*lo..=*hi).contains(&c),
        ClassItem::Category(cat, negated) => in_category(c, *cat, class.ascii) != *negated,
    })
}

fn class_matches(class: &Class, c: char, ascii_case: bool) -> bool {
    let mut hit = class_contains_exact(class, c);
    if !hit && class.ignore_case {
        let lower = fold(c, ascii_case);
        let up = upper(c, ascii_case);
        hit = (lower != c && class_contains_exact(class, lower))
            || (up != c && class_contains_exact(class, up));
    }
    hit != class.negated
}

struct Compiler {
    subs: Vec<Vec<Inst>>,
    regs: usize,
    ascii_case: bool,
    too_large: bool,
}

impl Compiler {
    fn emit(&mut self, code: &mut Vec<Inst>, inst: Inst) -> usize {
        if code.len() >= MAX_PROGRAM {
            self.too_large = true;
        }
        code.push(inst);
        code.len() - 1
    }

    fn sub_program(&mut self, node: &Node) -> usize {
        let index = self.subs.len();
        self.subs.push(Vec::new());
        let mut code = Vec::new();
        self.node(node, &mut code);
        code.push(Inst::Match);
        self.subs[index] = code;
        index
    }

    fn node(&mut self, node: &Node, code: &mut Vec<Inst>) {
        if self.too_large {
            return;
        }
        match node {
            Node::Empty => {}
            Node::Char(c, false) => {
                self.emit(code, Inst::Char(*c));
            }
            Node::Char(c, true) => {
                let folded = fold(*c, self.ascii_case);
                self.emit(code, Inst::CharFold(folded));
            }
            Node::Any(dotall) => {
                self.emit(
                    code,
                    if *dotall {
                        Inst::Any
                    } else {
                        Inst::AnyNoNewline
                    },
                );
            }
            Node::Class(class) => {
                self.emit(code, Inst::Class(class.clone()));
            }
            Node::Assert(a) => {
                self.emit(code, Inst::Assert(*a));
            }
            Node::Group(None, inner) => self.node(inner, code),
            Node::Group(Some(g), inner) => {
                self.emit(code, Inst::Save(2 * g));
                self.node(inner, code);
                self.emit(code, Inst::Save(2 * g + 1));
            }
            Node::Concat(items) => {
                for item in items {
                    self.node(item, code);
                }
            }
            Node::Alt(branches) => {
                let mut jumps = Vec::new();
                for (i, branch) in branches.iter().enumerate() {
                    if i + 1 < branches.len() {
                        let split = self.emit(code, Inst::Split(0, 0));
                        self.node(branch, code);
                        jumps.push(self.emit(code, Inst::Jmp(0)));
                        let next = code.len();
                        code[split] = Inst::Split(split + 1, next);
                    } else {
                        self.node(branch, code);
                    }
                }
                let end = code.len();
                for j in jumps {
                    code[j] = Inst::Jmp(end);
                }
            }
            Node::Repeat {
                node: inner,
                min,
                max,
                greed: Greed::Possessive,
            } => {
                let greedy = Node::Repeat {
                    node: inner.clone(),
                    min: *min,
                    max: *max,
                    greed: Greed::Greedy,
                };
                let sub = self.sub_program(&greedy);
                self.emit(code, Inst::Atomic(sub));
            }
            Node::Repeat {
                node: inner,
                min,
                max,
                greed,
            } => self.repeat(inner, *min, *max, *greed == Greed::Lazy, code),
            Node::Backref(g, icase) => {
                self.emit(code, Inst::Backref(*g, *icase));
            }
            Node::Look {
                behind,
                negated,
                node: inner,
            } => {
                let behind = if *behind {
                    super::parse::fixed_width(inner)
                } else {
                    None
                };
                let sub = self.sub_program(inner);
                self.emit(
                    code,
                    Inst::Look {
                        sub,
                        behind,
                        negated: *negated,
                    },
                );
            }
            Node::Atomic(inner) => {
                let sub = self.sub_program(inner);
                self.emit(code, Inst::Atomic(sub));
            }
            Node::Conditional { group, yes, no } => {
                let test = self.emit(code, Inst::IfGroup(*group, 0));
                self.node(yes, code);
                let jump = self.emit(code, Inst::Jmp(0));
                let no_start = code.len();
                self.node(no, code);
                let end = code.len();
                code[test] = Inst::IfGroup(*group, no_start);
                code[jump] = Inst::Jmp(end);
            }
        }
    }

    fn split(prefer_body: bool, body: usize, exit: usize) -> Inst {
        if prefer_body {
            Inst::Split(body, exit)
        } else {
            Inst::Split(exit, body)
        }
    }

    fn repeat(
        &mut self,
        inner: &Node,
        min: u32,
        max: Option<u32>,
        lazy: bool,
        code: &mut Vec<Inst>,
    ) {
        // Like _sre's MAX_UNTIL/MIN_UNTIL: an optional iteration (past `min`) that matched the
        // empty string ends the repetition (the register holds the iteration's start).
        let reg = can_match_empty(inner).then(|| {
            self.regs += 1;
            self.regs - 1
        });
        let mut exits = Vec::new();
        for _ in 0..min {
            self.node(inner, code);
            if self.too_large {
                return;
            }
        }
        let optional = max.map(|m| m - min);
        if optional == Some(0) {
            return;
        }
        match optional {
            None => {
                let head = self.emit(code, Inst::Split(0, 0));
                if let Some(reg) = reg {
                    self.emit(code, Inst::Mark(reg));
                }
                self.node(inner, code);
                let back = match reg {
                    Some(reg) => {
                        exits.push(self.emit(code, Inst::SkipIfNoProgress { reg, exit: 0 }));
                        self.emit(code, Inst::Jmp(head))
                    }
                    None => self.emit(code, Inst::Jmp(head)),
                };
                let _ = back;
                let exit = code.len();
                code[head] = Self::split(!lazy, head + 1, exit);
                Self::patch_exits(code, &exits, exit);
            }
            Some(count) => {
                let mut splits = Vec::new();
                for k in 0..count {
                    splits.push(self.emit(code, Inst::Split(0, 0)));
                    if let Some(reg) = reg {
                        self.emit(code, Inst::Mark(reg));
                    }
                    self.node(inner, code);
                    if self.too_large {
                        return;
                    }
                    if k + 1 < count
                        && let Some(reg) = reg
                    {
                        exits.push(self.emit(code, Inst::SkipIfNoProgress { reg, exit: 0 }));
                    }
                }
                let exit = code.len();
                for s in splits {
                    code[s] = Self::split(!lazy, s + 1, exit);
                }
                Self::patch_exits(code, &exits, exit);
            }
        }
    }

    fn patch_exits(code: &mut [Inst], exits: &[usize], exit: usize) {
        for &at in exits {
            if let Inst::SkipIfNoProgress { reg, .. } = code[at] {
                code[at] = Inst::SkipIfNoProgress { reg, exit };
            }
        }
    }
}

/// Whether a pattern can match the empty string (then a loop over it needs a progress check).
fn can_match_empty(node: &Node) -> bool {
    match node {
        Node::Empty | Node::Assert(_) | Node::Look { .. } | Node::Backref(..) => true,
        Node::Char(..) | Node::Any(_) | Node::Class(_) => false,
        Node::Group(_, inner) | Node::Atomic(inner) => can_match_empty(inner),
        Node::Concat(items) => items.iter().all(can_match_empty),
        Node::Alt(branches) => branches.iter().any(can_match_empty),
        Node::Repeat { node, min, .. } => *min == 0 || can_match_empty(node),
        Node::Conditional { yes, no, .. } => can_match_empty(yes) || can_match_empty(no),
    }
}

/// Compiles a parsed pattern; None when it is too large to unroll.
pub fn compile(parsed: &Parsed, ascii_case: bool) -> Option<Program> {
    let mut compiler = Compiler {
        subs: vec![Vec::new()],
        regs: 0,
        ascii_case,
        too_large: false,
    };
    let mut code = Vec::new();
    compiler.node(&parsed.node, &mut code);
    code.push(Inst::Match);
    if compiler.too_large {
        return None;
    }
    let anchored = matches!(code.first(), Some(Inst::Assert(Assertion::StringStart)));
    let first_char = match code.first() {
        Some(Inst::Char(c)) => Some(*c),
        _ => None,
    };
    compiler.subs[0] = code;
    Some(Program {
        subs: compiler.subs,
        slots: 2 * (parsed.groups + 1),
        regs: compiler.regs,
        ascii_case,
        anchored,
        first_char,
    })
}

/// What a match attempt must satisfy.
#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    /// Anchored at the start position.
    Match,
    /// Anchored at both ends.
    FullMatch,
    /// The leftmost match at or after the start position.
    Search,
}

/// Capture positions of one match: `[start0, end0, start1, end1, ...]`.
pub type Slots = Vec<Option<usize>>;

#[derive(Clone, PartialEq)]
struct State {
    slots: Slots,
    regs: Vec<usize>,
    lastindex: Option<usize>,
}

enum Undo {
    Alt(usize, usize),
    Slot(usize, Option<usize>),
    Reg(usize, usize),
    LastIndex(Option<usize>),
    Whole(Box<State>),
}

struct Run<'a> {
    prog: &'a Program,
    text: &'a [char],
}

impl Run<'_> {
    fn assertion(&self, a: Assertion, pos: usize) -> bool {
        let text = self.text;
        let end = text.len();
        let word_at = |i: usize, ascii: bool| i < end && is_word(text[i], ascii);
        let before = |ascii: bool| pos > 0 && is_word(text[pos - 1], ascii);
        match a {
            Assertion::StringStart => pos == 0,
            Assertion::LineStart => pos == 0 || text[pos - 1] == '\n',
            Assertion::StringEnd => pos == end,
            Assertion::EndOrFinalNewline => pos == end || (pos + 1 == end && text[pos] == '\n'),
            Assertion::LineEnd => pos == end || text[pos] == '\n',
            Assertion::WordBoundary(ascii) => before(ascii) != word_at(pos, ascii),
            Assertion::NotWordBoundary(ascii) => {
                // _sre: \B never matches in an empty string.
                end != 0 && before(ascii) == word_at(pos, ascii)
            }
        }
    }

    /// Runs sub-program `sub` from `pos`; on success `state` holds its captures and the end
    /// position is returned. `accept` filters acceptable end positions (backtracking on refusal).
    fn exec(
        &self,
        sub: usize,
        start: usize,
        state: &mut State,
        accept: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let code = &self.prog.subs[sub];
        let text = self.text;
        let ascii_case = self.prog.ascii_case;
        let mut stack: Vec<Undo> = Vec::new();
        let mut pc = 0;
        let mut pos = start;
        loop {
            let ok = match &code[pc] {
                Inst::Char(c) => {
                    let ok = text.get(pos) == Some(c);
                    pos += 1;
                    pc += 1;
                    ok
                }
                Inst::CharFold(c) => {
                    let ok = text.get(pos).is_some_and(|t| fold(*t, ascii_case) == *c);
                    pos += 1;
                    pc += 1;
                    ok
                }
                Inst::AnyNoNewline => {
                    let ok = text.get(pos).is_some_and(|t| *t != '\n');
                    pos += 1;
                    pc += 1;
                    ok
                }
                Inst::Any => {
                    let ok = pos < text.len();
                    pos += 1;
                    pc += 1;
                    ok
                }
                Inst::Class(class) => {
                    let ok = text
                        .get(pos)
                        .is_some_and(|t| class_matches(class, *t, ascii_case));
                    pos += 1;
                    pc += 1;
                    ok
                }
                Inst::Assert(a) => {
                    pc += 1;
                    self.assertion(*a, pos)
                }
                Inst::Split(first, second) => {
                    stack.push(Undo::Alt(*second, pos));
                    pc = *first;
                    true
                }
                Inst::Jmp(target) => {
                    pc = *target;
                    true
                }
                Inst::Save(slot) => {
                    stack.push(Undo::Slot(*slot, state.slots[*slot]));
                    state.slots[*slot] = Some(pos);
                    if slot % 2 == 1 {
                        stack.push(Undo::LastIndex(state.lastindex));
                        state.lastindex = Some(slot / 2);
                    }
                    pc += 1;
                    true
                }
                Inst::Backref(g, icase) => {
                    pc += 1;
                    match (state.slots[2 * g], state.slots[2 * g + 1]) {
                        (Some(s), Some(e)) => {
                            let len = e.saturating_sub(s);
                            let ok = pos + len <= text.len()
                                && text[s..s + len].iter().zip(&text[pos..pos + len]).all(
                                    |(a, b)| {
                                        a == b
                                            || (*icase
                                                && fold(*a, ascii_case) == fold(*b, ascii_case))
                                    },
                                );
                            pos += len;
                            ok
                        }
                        _ => false,
                    }
                }
                Inst::Look {
                    sub,
                    behind,
                    negated,
                } => {
                    pc += 1;
                    let from = match behind {
                        Some(width) => pos.checked_sub(*width),
                        None => Some(pos),
                    };
                    let snapshot = state.clone();
                    let found = match from {
                        Some(from) => {
                            let target = pos;
                            let must_end = behind.is_some();
                            self.exec(*sub, from, state, &|e| !must_end || e == target)
                                .is_some()
                        }
                        None => false,
                    };
                    if *negated {
                        *state = snapshot;
                        !found
                    } else {
                        if found && *state != snapshot {
                            stack.push(Undo::Whole(Box::new(snapshot)));
                        }
                        found
                    }
                }
                Inst::Atomic(sub) => {
                    pc += 1;
                    let snapshot = state.clone();
                    match self.exec(*sub, pos, state, &|_| true) {
                        Some(end) => {
                            if *state != snapshot {
                                stack.push(Undo::Whole(Box::new(snapshot)));
                            }
                            pos = end;
                            true
                        }
                        None => false,
                    }
                }
                Inst::IfGroup(g, no) => {
                    if state.slots[2 * g].is_some() && state.slots[2 * g + 1].is_some() {
                        pc += 1;
                    } else {
                        pc = *no;
                    }
                    true
                }
                Inst::Mark(reg) => {
                    stack.push(Undo::Reg(*reg, state.regs[*reg]));
                    state.regs[*reg] = pos;
                    pc += 1;
                    true
                }
                Inst::SkipIfNoProgress { reg, exit } => {
                    pc = if state.regs[*reg] == pos {
                        *exit
                    } else {
                        pc + 1
                    };
                    true
                }
                Inst::Match => {
                    if accept(pos) {
                        return Some(pos);
                    }
                    false
                }
            };
            if !ok {
                loop {
                    match stack.pop() {
                        None => return None,
                        Some(Undo::Alt(target, at)) => {
                            pc = target;
                            pos = at;
                            break;
                        }
                        Some(Undo::Slot(slot, old)) => state.slots[slot] = old,
                        Some(Undo::Reg(reg, old)) => state.regs[reg] = old,
                        Some(Undo::LastIndex(old)) => state.lastindex = old,
                        Some(Undo::Whole(old)) => *state = *old,
                    }
                }
            }
        }
    }
}

/// A successful match: the capture slots and the last closed group.
pub struct Found {
    /// Capture positions, group 0 first.
    pub slots: Slots,
    /// The number of the last group closed, if any.
    pub lastindex: Option<usize>,
}

impl Program {
    /// Tries to match `text[..endpos]` from `pos` in `mode`; with `must_advance` an empty
    /// match at `pos` itself is refused (the rule `_sre` applies after an empty match).
    pub fn find(
        &self,
        text: &[char],
        pos: usize,
        endpos: usize,
        mode: Mode,
        must_advance: bool,
    ) -> Option<Found> {
        let endpos = endpos.min(text.len());
        if pos > endpos {
            return None;
        }
        let run = Run {
            prog: self,
            text: &text[..endpos],
        };
        let mut state = State {
            slots: vec![None; self.slots],
            regs: vec![usize::MAX; self.regs],
            lastindex: None,
        };
        let last_start = if mode == Mode::Search && !self.anchored {
            endpos
        } else {
            pos
        };
        for start in pos..=last_start {
            if let Some(c) = self.first_char
                && text.get(start) != Some(&c)
            {
                continue;
            }
            let accept = |end: usize| {
                (mode != Mode::FullMatch || end == endpos) && !(must_advance && end == pos)
            };
            if let Some(end) = run.exec(0, start, &mut state, &accept) {
                state.slots[0] = Some(start);
                state.slots[1] = Some(end);
                return Some(Found {
                    slots: state.slots,
                    lastindex: state.lastindex,
                });
            }
            if self.anchored && start > 0 {
                break;
            }
        }
        None
    }
}
