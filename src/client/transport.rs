//! The requests themselves: the session cookie, the login, HTTP statuses,
//! RT's status line.

use alloc::string::{String, ToString};
use core::sync::atomic::Ordering;

use bytes::Bytes;

use super::error::start_of;
use super::{Client, Error, HttpResponse, Payload, Session, login_body, rt_code};

impl Client {
    /// The whole body of a request, checked to be RT's and not a 401. A
    /// session that expired is renewed once (a new login), unless it was
    /// ended by a `logout`.
    pub(super) fn body(&self, path: &str, payload: Payload<'_>) -> Result<Bytes, Error> {
        let cookie = self.session_cookie()?;
        let body = self.read_all(path, self.call(path, payload, cookie.as_deref())?)?;
        if rt_code(&body) == Some(401) {
            if let Some(stale) = cookie {
                if self.renew(&stale)? {
                    let cookie = self.lock().cookie.clone();
                    let body = self.read_all(path, self.call(path, payload, cookie.as_deref())?)?;
                    return self.checked(path, body);
                }
            }
        }
        self.checked(path, body)
    }

    /// The response of a request in the session (logging in first when it
    /// has to), once its HTTP status is `200`.
    pub(super) fn exchange(&self, path: &str, payload: Payload<'_>) -> Result<HttpResponse, Error> {
        let cookie = self.session_cookie()?;
        self.call(path, payload, cookie.as_deref())
    }

    /// The session cookie, after a login if there is none yet.
    fn session_cookie(&self) -> Result<Option<String>, Error> {
        let mut session = self.lock();
        if session.cookie.is_none() && !session.logged_out && self.credentials.is_some() {
            self.login_locked(&mut session)?;
        }
        Ok(session.cookie.clone())
    }

    /// After RT refused the cookie `stale`: a new login, unless the session
    /// was ended on purpose. Whether to try again.
    fn renew(&self, stale: &str) -> Result<bool, Error> {
        let mut session = self.lock();
        if session.logged_out || self.credentials.is_none() {
            return Ok(false);
        }
        if session.cookie.as_deref() == Some(stale) {
            session.cookie = None;
            self.login_locked(&mut session)?;
        }
        Ok(true)
    }

    pub(super) fn login_locked(&self, session: &mut Session) -> Result<Bytes, Error> {
        let Some(credentials) = &self.credentials else {
            return Err(Error::Config("no credentials to log in with".into()));
        };
        let response = self.call("", Some(&login_body(credentials)), None)?;
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .find(|pair| pair.trim_start().starts_with("RT_SID_"))
            .map(|pair| pair.trim().to_string());
        let body = self.checked("", self.read_all("", response)?)?;
        match cookie {
            Some(c) => session.cookie = Some(c),
            None => return Err(Error::NoSession { url: self.url("") }),
        }
        Ok(body)
    }

    /// One HTTP request; an HTTP status other than `200` is an error.
    fn call(
        &self,
        path: &str,
        payload: Payload<'_>,
        cookie: Option<&str>,
    ) -> Result<HttpResponse, Error> {
        let url = self.url(path);
        self.requests.fetch_add(1, Ordering::Relaxed);
        let result = match payload {
            None => {
                let mut request = self.agent.get(&url);
                if let Some(c) = cookie {
                    request = request.header("Cookie", c);
                }
                request.call()
            }
            Some(body) => {
                let mut request = self
                    .agent
                    .post(&url)
                    .header("Content-Type", &body.content_type);
                if let Some(c) = cookie {
                    request = request.header("Cookie", c);
                }
                request.send(&body.bytes[..])
            }
        };
        let response = result.map_err(|source| Error::Transport {
            url: url.clone(),
            source,
        })?;
        let status = response.status().as_u16();
        if status == 200 {
            return Ok(response);
        }
        // Only the start of the body is shown.
        let start = response
            .into_body()
            .into_with_config()
            .limit(4096)
            .read_to_vec()
            .unwrap_or_default();
        Err(Error::Http {
            url,
            status,
            body_start: start_of(&start),
        })
    }

    fn read_all(&self, path: &str, response: HttpResponse) -> Result<Bytes, Error> {
        let body = response
            .into_body()
            .into_with_config()
            .limit(u64::MAX)
            .read_to_vec()
            .map_err(|source| Error::Transport {
                url: self.url(path),
                source,
            })?;
        Ok(Bytes::from(body))
    }

    /// `body` if it is RT's answer and not a 401. RT answers the content
    /// of an empty attachment with an empty body: that is RT's too.
    fn checked(&self, path: &str, body: Bytes) -> Result<Bytes, Error> {
        match rt_code(&body) {
            Some(401) => Err(Error::unauthorized(self.url(path), body)),
            Some(_) => Ok(body),
            None if body.is_empty() => Ok(body),
            None => Err(Error::NotRt {
                url: self.url(path),
                body_start: start_of(&body),
            }),
        }
    }
}
