//! The line editor on its own thread. The VM is single-threaded and must keep running the
//! event loop while the user types (background tasks go on, as under `python -m asyncio`), so
//! rustyline's `readline` runs on a reader thread; the session thread asks it for a line and
//! meanwhile answers its completion requests. Every message to the session thread is followed
//! by a byte on a pipe, which the event loop watches (`loop.add_reader`).

use super::highlight;
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::Validator;
use rustyline::{ColorMode, CompletionType, Config, Context, Editor, ExternalPrinter, Helper};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::io::{IsTerminal, Write};
use std::os::fd::RawFd;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// How one read ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOutcome {
    /// The user entered a line (or a block recalled from history).
    Line(String),
    /// Ctrl-C at the prompt.
    Interrupted,
    /// Ctrl-D on an empty line.
    Eof,
    /// The terminal failed.
    Failed(String),
}

/// A message from the reader thread to the session thread.
pub enum Event {
    /// The outcome of the requested read.
    Read(ReadOutcome),
    /// Tab was pressed: the session answers with (start, candidates).
    Complete {
        /// The line being edited.
        line: String,
        /// The cursor's byte offset.
        pos: usize,
        /// Where the answer goes.
        reply: Sender<(usize, Vec<String>)>,
    },
}

/// A message from the session thread to the reader thread.
enum Request {
    /// Read a line with this prompt and this text already typed.
    Read {
        /// `>>> ` or `... `.
        prompt: String,
        /// The indentation pre-filled on a continuation line.
        initial: String,
    },
    /// Add an entry to the history.
    Remember(String),
    /// Save the history and stop.
    Finish,
}

/// The rustyline helper: completion through the session, highlighting when colour is wanted.
struct ReplHelper {
    /// Where completion requests go.
    events: Sender<Event>,
    /// The write end of the wake-up pipe.
    wake: RawFd,
    /// Whether to colour the line.
    colour: bool,
}

/// Writes one byte to a pipe (a wake-up; a full pipe already wakes).
fn poke(fd: RawFd) {
    let byte = 1u8;
    // SAFETY: writes one byte from a live local to a pipe this module owns.
    unsafe {
        libc::write(fd, (&byte as *const u8).cast(), 1);
    }
}

/// Empties a non-blocking pipe.
pub fn drain(fd: RawFd) {
    let mut buf = [0u8; 64];
    // SAFETY: reads into a live local buffer; the fd is non-blocking.
    while unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let (reply, answer) = channel();
        let request = Event::Complete {
            line: line.to_string(),
            pos,
            reply,
        };
        if self.events.send(request).is_err() {
            return Ok((pos, Vec::new()));
        }
        poke(self.wake);
        // The session answers between two steps of the loop; a statement that runs for long
        // (the terminal is not reading then anyway) must not freeze the editor.
        Ok(answer
            .recv_timeout(Duration::from_secs(2))
            .unwrap_or((pos, Vec::new())))
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if self.colour {
            Cow::Owned(highlight::highlight(line, pos))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.colour && kind != CmdKind::ForcedRefresh
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Validator for ReplHelper {}

impl Helper for ReplHelper {}

/// The session thread's end of the reader thread.
pub struct Reader {
    /// Requests to the reader thread.
    requests: Sender<Request>,
    /// Lines and completion requests from it (shared with the loop's callback).
    pub events: Rc<Receiver<Event>>,
    /// The read end of the wake-up pipe (watched by the event loop).
    pub wake_read: RawFd,
    /// The write end of the wake-up pipe.
    wake_write: RawFd,
    /// Whether a read was requested and its outcome has not arrived yet.
    pub outstanding: Rc<Cell<bool>>,
    /// The thread, joined on [`Reader::finish`].
    thread: Option<std::thread::JoinHandle<()>>,
    /// Prints above the prompt while the editor reads (only on a terminal).
    printer: Option<Rc<RefCell<Box<dyn ExternalPrinter>>>>,
}

impl Reader {
    /// Starts the reader thread with an editor that loads and saves `history`.
    pub fn start(history: Option<PathBuf>, colour: bool) -> Result<Reader, String> {
        let mut fds = [-1; 2];
        // SAFETY: `fds` has room for the two descriptors pipe2 writes.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) } != 0 {
            return Err(std::io::Error::last_os_error().to_string());
        }
        let (wake_read, wake_write) = (fds[0], fds[1]);
        let config = Config::builder()
            .auto_add_history(false)
            .completion_type(CompletionType::List)
            .color_mode(if colour {
                ColorMode::Enabled
            } else {
                ColorMode::Disabled
            })
            .history_ignore_space(false)
            .build();
        let mut editor: Editor<ReplHelper, FileHistory> =
            Editor::with_config(config).map_err(|e| e.to_string())?;
        let (event_sender, events) = channel();
        editor.set_helper(Some(ReplHelper {
            events: event_sender.clone(),
            wake: wake_write,
            colour,
        }));
        if let Some(path) = &history {
            let _ = editor.load_history(path);
        }
        // rustyline refuses (ENOTTY) when stdin or stdout is not a terminal: then output is
        // written as it comes, there being no prompt line to protect.
        let printer = editor
            .create_external_printer()
            .ok()
            .map(|p| Rc::new(RefCell::new(Box::new(p) as Box<dyn ExternalPrinter>)));
        let (requests, request_receiver) = channel();
        let thread = std::thread::Builder::new()
            .name("percolate-readline".to_string())
            .spawn(move || serve(editor, request_receiver, event_sender, wake_write, history))
            .map_err(|e| e.to_string())?;
        Ok(Reader {
            requests,
            events: Rc::new(events),
            wake_read,
            wake_write,
            outstanding: Rc::new(Cell::new(false)),
            thread: Some(thread),
            printer,
        })
    }

    /// A function that prints text above the prompt and redraws it (on a terminal only).
    pub fn above_prompt_printer(&self) -> Option<Box<dyn FnMut(String)>> {
        let printer = self.printer.clone()?;
        Some(Box::new(move |text: String| {
            let _ = printer.borrow_mut().print(text);
        }))
    }

    /// Asks for a line (once per outcome: a read still outstanding is not asked again).
    pub fn request(&mut self, prompt: &str, initial: &str) {
        if self.outstanding.get() {
            return;
        }
        self.outstanding.set(true);
        let _ = self.requests.send(Request::Read {
            prompt: prompt.to_string(),
            initial: initial.to_string(),
        });
    }

    /// Adds a finished input to the history.
    pub fn remember(&self, entry: &str) {
        let _ = self.requests.send(Request::Remember(entry.to_string()));
    }

    /// Saves the history and stops the reader thread.
    pub fn finish(mut self) {
        let _ = self.requests.send(Request::Finish);
        // A read still outstanding blocks the thread in the terminal: leave it behind.
        if !self.outstanding.get()
            && let Some(thread) = self.thread.take()
        {
            let _ = thread.join();
        }
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        // SAFETY: closing the pipe this reader made; nothing else closes these fds.
        unsafe {
            libc::close(self.wake_read);
            if self.thread.is_none() {
                libc::close(self.wake_write);
            }
        }
    }
}

/// The reader thread: reads lines on request, keeps the history, saves it at the end.
fn serve(
    mut editor: Editor<ReplHelper, FileHistory>,
    requests: Receiver<Request>,
    events: Sender<Event>,
    wake: RawFd,
    history: Option<PathBuf>,
) {
    // Without a terminal rustyline reads plain lines and shows no prompt; python writes its
    // prompts to stderr then, and so do we (a piped `-i` session shows `>>> ` as CPython's).
    let prompts_by_hand = !std::io::stdin().is_terminal();
    while let Ok(request) = requests.recv() {
        match request {
            Request::Read { prompt, initial } => {
                if prompts_by_hand {
                    let mut stderr = std::io::stderr();
                    let _ = stderr.write_all(prompt.as_bytes());
                    let _ = stderr.flush();
                }
                let outcome = match editor.readline_with_initial(&prompt, (&initial, "")) {
                    Ok(line) => ReadOutcome::Line(line),
                    Err(ReadlineError::Interrupted) => ReadOutcome::Interrupted,
                    Err(ReadlineError::Eof) => ReadOutcome::Eof,
                    Err(e) => ReadOutcome::Failed(e.to_string()),
                };
                if events.send(Event::Read(outcome)).is_err() {
                    break;
                }
                poke(wake);
            }
            Request::Remember(entry) => {
                let _ = editor.add_history_entry(entry);
            }
            Request::Finish => break,
        }
    }
    if let Some(path) = &history
        && let Err(e) = editor.save_history(path)
    {
        eprintln!(
            "percolate: warning: cannot write history to {}: {e}",
            path.display()
        );
    }
}
