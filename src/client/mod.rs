//! A blocking HTTP client for RT's REST 1.0 interface (feature `client`:
//! [`ureq`], TLS by rustls).
//!
//! A [`Client`] logs in once (a POST of `user` and `pass` to
//! `<base>/REST/1.0/`) and sends RT's session cookie with every later
//! request. One call per kind of request:
//!
//! * [`Client::get`]: any [`Endpoint`] (every type of
//!   [`request::read`](crate::request::read), [`Search`](crate::request::Search))
//!   → its view, owned ([`Owned`]).
//! * [`Client::send`]: any [`WriteRequest`] the builders make (multipart
//!   with `attachment_N` parts when it has files) → RT's [`Reply`].
//! * [`Client::get_raw`]: the exact body; [`Client::get_reader`] and
//!   [`Client::stream`]: the body as it arrives, for
//!   [`ReadStream`] (a large search or history in bounded memory).
//!
//! ```no_run
//! use rt_wire::client::Client;
//! use rt_wire::request::{TicketComment, read};
//!
//! let rt = Client::from_env()?; // RT_URL, RT_USER, RT_PASS
//! let history = rt.get(&read::TicketHistoryLong { id: 1 })?;
//! for entry in &history.view().entries {
//!     println!("{} {:?}", entry.id()?, entry.kind());
//! }
//! let reply = rt.send(&TicketComment::comment(1, "Looked at it.").build()?)?;
//! println!("{:?}", reply.view().messages);
//! # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
//! ```
//!
//! # Errors
//!
//! Every call returns a [`client::Error`](Error) that names the URL:
//! refused credentials or an ended session ([`Error::Unauthorized`]: RT
//! answers `RT/x.y.z 401 Credentials required` under HTTP `200`), an HTTP
//! status other than `200` ([`Error::Http`]), a body that is not RT's (a
//! proxy's page: [`Error::NotRt`] shows its start), a failure RT reports,
//! also under `200 Ok`, or an answer of the wrong shape ([`Error::Rt`],
//! with the [`OwnedViewError`]), and no answer at all ([`Error::Transport`]:
//! connection refused, timeout, TLS).
//!
//! # Streaming
//!
//! ```no_run
//! use rt_wire::client::Client;
//! use rt_wire::request::{ObjectType, Search, SearchFormat};
//! use rt_wire::stream::Event;
//!
//! let rt = Client::from_env()?;
//! let search = Search::new(ObjectType::Ticket, "id > 0").format(SearchFormat::Long);
//! let mut events = rt.stream(&search)?; // a `ReadStream` on the HTTP body
//! while let Some(event) = events.next_event()? {
//!     if let Event::Form(ticket) = event {
//!         println!("{:?}", ticket.get("Subject").map(|s| s.value().to_string_lossy()));
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
//! ```
//!
//! # Async, or another HTTP library
//!
//! The crate's core does no I/O, so any HTTP library works: send
//! [`Endpoint::path_and_query`] below `<base>/REST/1.0/` (reads with GET,
//! writes with POST and [`WriteRequest::body`]), with the session cookie
//! RT set on the answer to the login POST (`user=…&pass=…`), then hand the
//! body to [`Endpoint::read_owned`]. To stream, feed each chunk of the body
//! to [`StreamReader::feed`](crate::stream::StreamReader::feed), keeping
//! the bytes it has not consumed. `examples/async-reqwest/` in the
//! repository does both with reqwest and tokio.

mod error;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::sync::atomic::{AtomicUsize, Ordering};
use core::time::Duration;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::{Mutex, MutexGuard};

use bytes::Bytes;
use ureq::http::Response;

pub use error::Error;

use crate::request::{Body, Credentials, Endpoint, URLENCODED, WriteRequest, percent_encode};
use crate::status::status_line;
use crate::stream::ReadStream;
use crate::views::{Owned, OwnedViewError, Reply};
use error::start_of;

/// The default connect timeout: 10 seconds.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default timeout of each read and write on the connection: 60
/// seconds (RT can take long on a large search).
pub const DEFAULT_IO_TIMEOUT: Duration = Duration::from_secs(60);

/// A session with one RT server; see the module documentation.
///
/// `Send + Sync`: share it between threads by reference or in an `Arc`
/// (the session cookie is behind a lock).
#[derive(Debug)]
pub struct Client {
    agent: ureq::Agent,
    /// `<base>/REST/1.0/`.
    rest: String,
    credentials: Option<Credentials>,
    session: Mutex<Session>,
    requests: AtomicUsize,
}

#[derive(Debug, Default)]
struct Session {
    /// `RT_SID_…=…`, from RT's answer to the login.
    cookie: Option<String>,
    /// Set by a `logout` sent through [`Client::send`]: no new login until
    /// [`Client::login`].
    logged_out: bool,
}

/// Builds a [`Client`] with other timeouts or without credentials.
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    url: String,
    credentials: Option<Credentials>,
    connect_timeout: Duration,
    io_timeout: Duration,
}

impl ClientBuilder {
    /// The user and password to log in with (none: every request goes
    /// without, and RT answers 401).
    #[must_use]
    pub fn credentials(mut self, user: impl Into<String>, pass: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::new(user, pass));
        self
    }

    /// The connect timeout (DNS, TCP, TLS); default [`DEFAULT_CONNECT_TIMEOUT`].
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The timeout of each read and write on the connection; default
    /// [`DEFAULT_IO_TIMEOUT`].
    #[must_use]
    pub fn io_timeout(mut self, timeout: Duration) -> Self {
        self.io_timeout = timeout;
        self
    }

    /// The client. No request is sent yet.
    ///
    /// # Errors
    /// [`Error::Config`] if the URL is not `http://` or `https://` with a host.
    pub fn build(self) -> Result<Client, Error> {
        let bad = |why: &str| Error::Config(alloc::format!("{why}: {:?}", self.url));
        let after_scheme = self
            .url
            .strip_prefix("http://")
            .or_else(|| self.url.strip_prefix("https://"))
            .ok_or_else(|| bad("the base URL must start with http:// or https://"))?;
        if after_scheme.is_empty() || after_scheme.starts_with('/') {
            return Err(bad("the base URL has no host"));
        }
        let rest = alloc::format!("{}/REST/1.0/", self.url.trim_end_matches('/'));
        rest.parse::<ureq::http::Uri>()
            .map_err(|e| bad(&alloc::format!("not a URL ({e})")))?;
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(self.connect_timeout))
            .timeout_per_read(Some(self.io_timeout))
            .timeout_per_write(Some(self.io_timeout))
            .user_agent(concat!("rt-wire/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Client {
            agent: ureq::Agent::new_with_config(config),
            rest,
            credentials: self.credentials,
            session: Mutex::new(Session::default()),
            requests: AtomicUsize::new(0),
        })
    }
}

/// A request body or none (GET).
type Payload<'a> = Option<&'a Body>;

impl Client {
    /// A client for RT at `url`, its base URL with RT's `WebPath`
    /// (`https://rt.example.com/rt`), logging in as `user`.
    ///
    /// # Errors
    /// [`Error::Config`] for a URL that is not `http(s)://host…`.
    pub fn new(
        url: impl Into<String>,
        user: impl Into<String>,
        pass: impl Into<String>,
    ) -> Result<Client, Error> {
        Client::builder(url).credentials(user, pass).build()
    }

    /// A client from the environment: `RT_URL`, `RT_USER`, `RT_PASS`.
    ///
    /// # Errors
    /// [`Error::Config`] naming a variable that is not set, or a bad URL.
    pub fn from_env() -> Result<Client, Error> {
        let var = |name: &str| {
            std::env::var(name).map_err(|_| Error::Config(alloc::format!("{name} is not set")))
        };
        Client::new(var("RT_URL")?, var("RT_USER")?, var("RT_PASS")?)
    }

    /// A builder, for other timeouts or no credentials.
    pub fn builder(url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            url: url.into(),
            credentials: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            io_timeout: DEFAULT_IO_TIMEOUT,
        }
    }

    /// The full URL of a path below `/REST/1.0/`.
    #[must_use]
    pub fn url(&self, path: &str) -> String {
        alloc::format!("{}{path}", self.rest)
    }

    /// Requests sent so far (logins included).
    #[must_use]
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// Logs in (again): POSTs the credentials to `<base>/REST/1.0/` and
    /// keeps the session cookie. Every other call logs in first when it
    /// has to, so calling this is optional. RT's answer.
    ///
    /// # Errors
    /// [`Error::Unauthorized`] if RT refused the credentials; see [`Error`].
    pub fn login(&self) -> Result<Bytes, Error> {
        let mut session = self.lock();
        session.logged_out = false;
        self.login_locked(&mut session)
    }

    /// Reads `endpoint` (GET) and its view.
    ///
    /// # Errors
    /// [`Error::Rt`] if RT reported a failure or the answer is not the
    /// endpoint's view; see [`Error`].
    pub fn get<E: Endpoint>(&self, endpoint: &E) -> Result<Owned<E::Output>, Error> {
        let path = endpoint.path_and_query();
        let body = self.get_raw(&path)?;
        self.read_view(endpoint, &path, body)
    }

    /// Sends a write request (POST; multipart when it has files) and reads
    /// RT's [`Reply`]. A `logout` ends the session: later calls get
    /// [`Error::Unauthorized`] until [`Client::login`].
    ///
    /// # Errors
    /// [`Error::Rt`] if RT reported a failure (a [`Reply`] with a failure
    /// message, also under `200 Ok`); see [`Error`].
    pub fn send(&self, request: &WriteRequest<'_>) -> Result<Owned<Reply<'static>>, Error> {
        let body = self.send_raw(request)?;
        self.read_view(request, request.path(), body)
    }

    /// The exact body RT answers to a GET of `path` (below `/REST/1.0/`,
    /// with its query). RT's answer is the caller's to read, but for a
    /// refused session.
    ///
    /// # Errors
    /// [`Error::Unauthorized`] on RT's 401, [`Error::Http`], [`Error::NotRt`],
    /// [`Error::Transport`].
    pub fn get_raw(&self, path: &str) -> Result<Bytes, Error> {
        self.body(path, None)
    }

    /// The exact body RT answers to a write request; see [`Client::get_raw`].
    ///
    /// # Errors
    /// As [`Client::get_raw`].
    pub fn send_raw(&self, request: &WriteRequest<'_>) -> Result<Bytes, Error> {
        let ends_session = request.path() == "logout";
        let body = self.body(request.path(), Some(&request.body(None)))?;
        if ends_session {
            self.lock().logged_out = true;
        }
        Ok(body)
    }

    /// POSTs `body` to `path` as given (RT's components that take other
    /// parameters than `content`, such as `ticket/link`): the exact answer.
    ///
    /// # Errors
    /// As [`Client::get_raw`].
    pub fn post_raw(&self, path: &str, body: &Body) -> Result<Bytes, Error> {
        self.body(path, Some(body))
    }

    /// The body of a GET of `path` as it arrives, once its status line has
    /// shown it is RT's and not a 401: feed it to [`ReadStream`] (or see
    /// [`Client::stream`]).
    ///
    /// # Errors
    /// As [`Client::get_raw`], for what comes before the body.
    pub fn get_reader(&self, path: &str) -> Result<BodyReader, Error> {
        let url = self.url(path);
        let response = self.exchange(path, None)?;
        let mut reader = BufReader::new(response.into_body().into_reader());
        // The status line, or the first 256 bytes of what is not one; no
        // more (the rest of the body may not have arrived yet).
        let mut head = Vec::new();
        (&mut reader)
            .take(256)
            .read_until(b'\n', &mut head)
            .map_err(|e| transport(url.clone(), e))?;
        match rt_code(&head) {
            Some(401) => {
                reader
                    .read_to_end(&mut head)
                    .map_err(|e| transport(url.clone(), e))?;
                Err(Error::unauthorized(url, head.into()))
            }
            // An empty body is RT's too: the content of an empty attachment.
            None if !head.is_empty() => Err(Error::NotRt {
                url,
                body_start: start_of(&head),
            }),
            _ => Ok(BodyReader {
                inner: io::Cursor::new(head).chain(reader),
            }),
        }
    }

    /// Reads `endpoint` as a stream of events ([`Client::get_reader`] with
    /// the endpoint's [`Endpoint::parse_options`]).
    ///
    /// # Errors
    /// As [`Client::get_reader`].
    pub fn stream<E: Endpoint>(&self, endpoint: &E) -> Result<ReadStream<BodyReader>, Error> {
        let reader = self.get_reader(&endpoint.path_and_query())?;
        Ok(ReadStream::with_options(reader, endpoint.parse_options()))
    }

    fn read_view<E: Endpoint>(
        &self,
        endpoint: &E,
        path: &str,
        body: Bytes,
    ) -> Result<Owned<E::Output>, Error> {
        endpoint
            .read_owned(body.clone())
            .map_err(|error: OwnedViewError| Error::Rt {
                url: self.url(path),
                error: alloc::boxed::Box::new(error),
                body,
            })
    }

    fn lock(&self) -> MutexGuard<'_, Session> {
        // A panic elsewhere cannot leave the session half-written.
        self.session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The body of a GET as it arrives ([`Client::get_reader`]): `Read + Send`.
pub struct BodyReader {
    inner: io::Chain<io::Cursor<Vec<u8>>, BufReader<ureq::BodyReader<'static>>>,
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl core::fmt::Debug for BodyReader {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("BodyReader { .. }")
    }
}

fn transport(url: String, e: io::Error) -> Error {
    Error::Transport {
        url,
        source: ureq::Error::Io(e),
    }
}

/// RT's code, if `body` starts with RT's status line (`status-line`:
/// `RT/5.0.3 200 Ok`, a CR before its LF allowed).
fn rt_code(body: &[u8]) -> Option<u16> {
    let line = body.split(|&b| b == b'\n').next()?;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    status_line(line, 0, line).ok().map(|s| s.code())
}

/// `user=…&pass=…`, url-encoded.
fn login_body(c: &Credentials) -> Body {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"user=");
    percent_encode(c.user().as_bytes(), &mut bytes);
    bytes.extend_from_slice(b"&pass=");
    percent_encode(c.pass().as_bytes(), &mut bytes);
    Body {
        content_type: URLENCODED.to_string(),
        bytes,
    }
}

mod transport;

#[cfg(test)]
mod tests;

/// Keeps the type in the signatures above readable.
type HttpResponse = Response<ureq::Body>;
