//! `serve --open`, what a double-click on `ita-report.exe` starts: a console window that says
//! (in Thai, then English) what is running, where, and how to stop it; and the editor opened
//! in the default browser.

use std::io::Write;
use std::net::SocketAddr;
use std::process::{Command, Stdio};

/// What the console window says once the editor is listening on `addr`.
pub fn banner(addr: SocketAddr) -> String {
    let url = format!("http://{addr}/");
    format!(
        "\n\
         ita-report {version}\n\
         โปรแกรมจัดทำรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA) กำลังทำงาน\n\
         The ITA report editor is running.\n\
         \n\
         เปิดในเบราว์เซอร์ / Open in your browser:  {url}\n\
         (ใช้ได้เฉพาะในเครื่องนี้ / on this computer only)\n\
         \n\
         เลิกใช้: ปิดหน้าต่างนี้ หรือกด Ctrl+C\n\
         To stop: close this window, or press Ctrl+C.\n",
        version = crate::args::VERSION,
    )
}

/// Prints the banner and opens `addr` in the default browser (`$BROWSER` if set; `none` opens
/// nothing). A browser that does not start is not an error: the address is on the screen.
pub fn announce(addr: SocketAddr) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(banner(addr).as_bytes());
    let _ = stdout.flush();
    drop(stdout);
    let url = format!("http://{addr}/");
    if let Err(error) = open_browser(&url) {
        println!(
            "เปิดเบราว์เซอร์ไม่ได้ ({error}): พิมพ์ที่อยู่ข้างบนในเบราว์เซอร์เอง\n\
             Could not open the browser ({error}): type the address above into it."
        );
    }
}

fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = match std::env::var("BROWSER") {
        Ok(browser) if browser.trim() == "none" => return Ok(()),
        Ok(browser) if !browser.trim().is_empty() => Command::new(browser.trim()),
        _ => default_opener(),
    };
    command
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
}

#[cfg(windows)]
fn default_opener() -> Command {
    // The shell's own handler for URLs: no console window of its own, no quoting by cmd.exe.
    let mut command = Command::new("rundll32.exe");
    command.arg("url.dll,FileProtocolHandler");
    command
}

#[cfg(target_os = "macos")]
fn default_opener() -> Command {
    Command::new("open")
}

#[cfg(not(any(windows, target_os = "macos")))]
fn default_opener() -> Command {
    Command::new("xdg-open")
}

/// After a failure in a window opened by a double-click, keeps the window (and the message)
/// on the screen until the clerk presses Enter.
pub fn wait_for_enter() {
    println!("\nกด Enter เพื่อปิดหน้าต่างนี้ / Press Enter to close this window.");
    let _ = std::io::stdin().read_line(&mut String::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_names_the_address_and_how_to_stop_in_thai_and_english() {
        let text = banner("127.0.0.1:49152".parse().unwrap());
        assert!(text.contains("http://127.0.0.1:49152/"));
        assert!(text.contains("ปิดหน้าต่างนี้"));
        assert!(text.contains("Ctrl+C"));
        assert!(text.contains("close this window"));
    }
}
