//! A tiny blocking HTTP/1.1 client over `std::net::TcpStream`, and an RT
//! REST 1.0 session on top of it: enough for the live suite and the `rt`
//! example, with no network library.
//!
//! One request per connection (`Connection: close`); the response body is
//! read by `Content-Length`, by `Transfer-Encoding: chunked`, or to the end
//! of the stream. Only `http://host[:port][/path]` URLs are supported.

#![allow(dead_code)]

use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use rt_wire::request::{
    Body, Credentials, URLENCODED, WriteRequest, percent_encode, urlencoded_body,
};

/// An `http://` base URL split into its parts.
#[derive(Clone, Debug)]
pub struct BaseUrl {
    /// Host name or address.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Path prefix without a trailing `/` (RT's `WebPath`).
    pub path: String,
}

impl BaseUrl {
    /// Parses `http://host[:port][/path]`.
    pub fn parse(url: &str) -> io::Result<BaseUrl> {
        let bad =
            |what: &str| io::Error::new(io::ErrorKind::InvalidInput, format!("{what}: {url}"));
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| bad("only http:// URLs are supported"))?;
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (h, p.parse().map_err(|_| bad("bad port"))?),
            None => (authority, 80),
        };
        if host.is_empty() {
            return Err(bad("no host"));
        }
        Ok(BaseUrl {
            host: host.to_owned(),
            port,
            path: path.trim_end_matches('/').to_owned(),
        })
    }
}

/// A response: HTTP status, headers (names lower-cased) and the body.
#[derive(Clone, Debug)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn invalid(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.into())
}

/// Sends one request and reads the whole response. `target` is the request
/// target (path and query); `body` is `(content type, bytes)` for a POST.
pub fn request(
    base: &BaseUrl,
    method: &str,
    target: &str,
    extra_headers: &[(&str, &str)],
    body: Option<(&str, &[u8])>,
) -> io::Result<HttpResponse> {
    let mut stream = TcpStream::connect((base.host.as_str(), base.port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    stream.set_write_timeout(Some(Duration::from_secs(60)))?;
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {}:{}\r\nConnection: close\r\nUser-Agent: rt-wire-live\r\n",
        base.host, base.port
    );
    for (k, v) in extra_headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some((content_type, bytes)) = body {
        head.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            bytes.len()
        ));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    if let Some((_, bytes)) = body {
        out.extend_from_slice(bytes);
    }
    stream.write_all(&out)?;
    stream.flush()?;
    read_response(BufReader::new(stream), method == "HEAD")
}

fn read_line<R: BufRead>(r: &mut R) -> io::Result<String> {
    let mut line = Vec::new();
    r.read_until(b'\n', &mut line)?;
    if line.last() != Some(&b'\n') {
        return Err(invalid("connection closed inside the header"));
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    String::from_utf8(line).map_err(|_| invalid("header line is not UTF-8"))
}

/// Reads a status line, headers and body from `r`.
pub fn read_response<R: BufRead>(mut r: R, head_only: bool) -> io::Result<HttpResponse> {
    let status_line = read_line(&mut r)?;
    let mut parts = status_line.splitn(3, ' ');
    let (Some(version), Some(code)) = (parts.next(), parts.next()) else {
        return Err(invalid(format!("bad status line {status_line:?}")));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(invalid(format!("bad status line {status_line:?}")));
    }
    let status: u16 = code
        .parse()
        .map_err(|_| invalid(format!("bad status code {code:?}")))?;
    let mut headers = Vec::new();
    loop {
        let line = read_line(&mut r)?;
        if line.is_empty() {
            break;
        }
        let (k, v) = line
            .split_once(':')
            .ok_or_else(|| invalid(format!("bad header line {line:?}")))?;
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
    }
    let mut resp = HttpResponse {
        status,
        headers,
        body: Vec::new(),
    };
    if head_only || status == 204 || status == 304 || (100..200).contains(&status) {
        return Ok(resp);
    }
    let chunked = resp
        .header("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    if chunked {
        loop {
            let size_line = read_line(&mut r)?;
            let size_text = size_line.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size_text, 16)
                .map_err(|_| invalid(format!("bad chunk size {size_line:?}")))?;
            if size == 0 {
                // Trailers, then the final empty line.
                while !read_line(&mut r)?.is_empty() {}
                break;
            }
            let start = resp.body.len();
            resp.body.resize(start + size, 0);
            r.read_exact(&mut resp.body[start..])?;
            if !read_line(&mut r)?.is_empty() {
                return Err(invalid("chunk not followed by CRLF"));
            }
        }
    } else if let Some(len) = resp.header("content-length") {
        let len: usize = len
            .parse()
            .map_err(|_| invalid(format!("bad Content-Length {len:?}")))?;
        resp.body.resize(len, 0);
        r.read_exact(&mut resp.body)?;
    } else {
        r.read_to_end(&mut resp.body)?;
    }
    Ok(resp)
}

/// A REST 1.0 session: the first request sends the credentials, later ones
/// the session cookie RT set (RT checks the password on every request that
/// carries one, which is slow by design).
#[derive(Debug)]
pub struct Session {
    base: BaseUrl,
    credentials: Option<Credentials>,
    cookie: Option<String>,
    /// Requests sent.
    pub requests: usize,
}

impl Session {
    /// A session against `url` (RT's base URL, without `/REST/1.0`).
    pub fn new(url: &str, credentials: Option<Credentials>) -> io::Result<Session> {
        Ok(Session {
            base: BaseUrl::parse(url)?,
            credentials,
            cookie: None,
            requests: 0,
        })
    }

    /// The full request target of a REST path.
    pub fn target(&self, path: &str) -> String {
        format!("{}/REST/1.0/{path}", self.base.path)
    }

    /// Credentials to put into a body: only until RT gave a session cookie.
    fn pending_credentials(&self) -> Option<&Credentials> {
        if self.cookie.is_some() {
            None
        } else {
            self.credentials.as_ref()
        }
    }

    fn send(&mut self, path: &str, body: Body) -> io::Result<HttpResponse> {
        let target = self.target(path);
        let cookie = self.cookie.clone();
        let headers: Vec<(&str, &str)> = cookie.iter().map(|c| ("Cookie", c.as_str())).collect();
        self.requests += 1;
        let resp = request(
            &self.base,
            "POST",
            &target,
            &headers,
            Some((&body.content_type, &body.bytes)),
        )?;
        if resp.status != 200 {
            return Err(invalid(format!(
                "HTTP {} for {target}: {}",
                resp.status,
                String::from_utf8_lossy(&resp.body)
            )));
        }
        for (k, v) in &resp.headers {
            if k == "set-cookie" && v.starts_with("RT_SID_") {
                let pair = v.split(';').next().unwrap_or_default();
                // RT answers a refused login with a fresh, unauthenticated
                // session: keep a cookie only from an accepted request.
                let first = resp.body.split(|&b| b == b'\n').next().unwrap_or_default();
                if !first.windows(5).any(|w| w == b" 401 ") {
                    self.cookie = Some(pair.to_owned());
                }
            }
        }
        Ok(resp)
    }

    /// Reads `path` (below `/REST/1.0/`, with its query): the body.
    pub fn read(&mut self, path: &str) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        if let Some(c) = self.pending_credentials() {
            bytes.extend_from_slice(b"user=");
            percent_encode(c.user().as_bytes(), &mut bytes);
            bytes.extend_from_slice(b"&pass=");
            percent_encode(c.pass().as_bytes(), &mut bytes);
        }
        let body = Body {
            content_type: URLENCODED.to_owned(),
            bytes,
        };
        Ok(self.send(path, body)?.body)
    }

    /// Sends a write request: the body.
    pub fn write(&mut self, request: &WriteRequest<'_>) -> io::Result<Vec<u8>> {
        let body = request.body(self.pending_credentials());
        Ok(self.send(request.path(), body)?.body)
    }

    /// Posts other parameters (`name=value`, url-encoded), for RT's legacy
    /// components that take no `content`.
    pub fn post_params(&mut self, path: &str, params: &[(&str, &str)]) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        let mut pairs: Vec<(&str, &str)> = params.to_vec();
        if let Some(c) = self.pending_credentials() {
            pairs.push(("user", c.user()));
            pairs.push(("pass", c.pass()));
        }
        for (i, (k, v)) in pairs.iter().enumerate() {
            if i > 0 {
                bytes.push(b'&');
            }
            percent_encode(k.as_bytes(), &mut bytes);
            bytes.push(b'=');
            percent_encode(v.as_bytes(), &mut bytes);
        }
        let body = Body {
            content_type: URLENCODED.to_owned(),
            bytes,
        };
        Ok(self.send(path, body)?.body)
    }

    /// Sends `content` as given (for requests the encoder refuses to build).
    pub fn write_raw(&mut self, path: &str, content: &[u8]) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        urlencoded_body(content, self.pending_credentials(), &mut bytes);
        let body = Body {
            content_type: URLENCODED.to_owned(),
            bytes,
        };
        Ok(self.send(path, body)?.body)
    }
}
