//! Embeds the application icon in the Windows executable, so that Explorer and the task
//! bar show it. Other platforms take the icon from the window (and on Linux from the
//! desktop entry in `assets/`), so there this does nothing.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=assets/icon.ico");
    // Built for the host: `cfg(windows)` is the host's, which is what brings in
    // winresource; the resource is only wanted when the target is Windows too.
    #[cfg(windows)]
    if std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "windows") {
        let mut resource = winresource::WindowsResource::new();
        resource.set_icon("assets/icon.ico");
        if let Err(err) = resource.compile() {
            panic!("cannot embed assets/icon.ico in the executable: {err}");
        }
    }
}
