//! rt-wire's core does no I/O: here on reqwest and tokio (`RT_URL`, `RT_USER`,
//! `RT_PASS`). It logs in, reads ticket 1 typed, and streams a search through
//! `StreamReader`, chunk by chunk as the body arrives.
use anyhow::{Context, Result, ensure};
use rt_wire::request::{
    Endpoint, ObjectType, Search, SearchFormat, URLENCODED, percent_encode, read,
};
use rt_wire::stream::{Event, Status, StreamReader};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let env = |name| std::env::var(name).with_context(|| format!("{name} is not set"));
    let rest = format!("{}/REST/1.0/", env("RT_URL")?.trim_end_matches('/'));
    let http = reqwest::Client::new();

    // Log in once (`user=…&pass=…`) and keep RT's session cookie.
    let mut form = b"user=".to_vec();
    percent_encode(env("RT_USER")?.as_bytes(), &mut form);
    form.extend_from_slice(b"&pass=");
    percent_encode(env("RT_PASS")?.as_bytes(), &mut form);
    let login = http
        .post(&rest)
        .header("Content-Type", URLENCODED)
        .body(form)
        .send()
        .await?;
    let cookie = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next())
        .find(|pair| pair.starts_with("RT_SID_"))
        .context("RT set no session cookie")?
        .to_owned();
    let answer = login.bytes().await?;
    let status = rt_wire::parse_response(&answer)?.status().map(|s| s.code());
    ensure!(
        status == Some(200),
        "login refused: {}",
        String::from_utf8_lossy(&answer)
    );

    // A typed read: the endpoint's path, any HTTP library, the endpoint's view.
    let ticket = read::Ticket { id: 1 };
    let url = format!("{rest}{}", ticket.path_and_query());
    let body = http
        .get(url)
        .header("Cookie", &cookie)
        .send()
        .await?
        .bytes()
        .await?;
    let ticket = ticket.read_owned(body)?;
    let subject = ticket.view().subject().map(|s| s.to_str()).transpose()?;
    println!("ticket 1: {subject:?}");

    // A search streamed: each chunk is fed to the reader as it arrives; the
    // buffer keeps only the bytes it has not consumed (one unfinished form).
    let search = Search::new(ObjectType::Ticket, "id > 0").format(SearchFormat::Long);
    let url = format!("{rest}{}", search.path_and_query());
    let mut response = http.get(url).header("Cookie", &cookie).send().await?;
    let mut reader = StreamReader::with_options(search.parse_options());
    let (mut buf, mut eof, mut tickets, mut largest) = (Vec::new(), false, 0, 0);
    loop {
        match reader.feed(&buf, eof)? {
            Status::Complete(event, used) => {
                let end = matches!(event, Event::End);
                if let Event::Form(form) = event {
                    tickets += usize::from(form.get("id").is_some());
                }
                buf.drain(..used);
                if end {
                    break;
                }
            }
            Status::Partial => match response.chunk().await? {
                Some(chunk) => buf.extend_from_slice(&chunk),
                None => eof = true,
            },
        }
        largest = largest.max(buf.len());
    }
    println!("search: {tickets} tickets streamed, at most {largest} bytes buffered");
    ensure!(tickets > 0, "the search found no ticket");
    Ok(())
}
