//! Serving the two built SPAs. Hashed assets are cached for a year; every other path
//! under an SPA answers its `index.html`, so that the SPA's router takes over.

use std::path::{Component, Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::{HttpRequest, HttpResponse, web};

#[derive(Clone)]
pub struct SpaDirs {
    pub resident: PathBuf,
    pub staff: PathBuf,
}

/// A path inside `root`, or none for anything that tries to leave it.
fn inside(root: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    relative.components().all(|c| matches!(c, Component::Normal(_))).then(|| root.join(relative))
}

fn not_built(root: &Path) -> HttpResponse {
    HttpResponse::ServiceUnavailable().content_type("text/plain; charset=utf-8").body(format!(
        "This screen is not built. Run `npm ci && npm run build` in the SPA's folder ({} is missing).\n",
        root.display()
    ))
}

fn serve(req: &HttpRequest, root: &Path, relative: &str) -> HttpResponse {
    if let Some(path) = inside(root, relative).filter(|p| !relative.is_empty() && p.is_file())
        && let Ok(file) = NamedFile::open(&path)
    {
        let mut response = file.use_etag(true).use_last_modified(true).into_response(req);
        let directive = if relative.starts_with("assets/") {
            CacheControl(vec![
                CacheDirective::Public,
                CacheDirective::MaxAge(31_536_000),
                CacheDirective::Extension("immutable".to_owned(), None),
            ])
        } else {
            CacheControl(vec![CacheDirective::NoCache])
        };
        if let Ok(value) = header::HeaderValue::from_str(&directive.to_string()) {
            response.headers_mut().insert(header::CACHE_CONTROL, value);
        }
        return response;
    }
    if relative.starts_with("assets/") {
        return HttpResponse::NotFound().content_type("text/plain; charset=utf-8").body("not found\n");
    }
    match NamedFile::open(root.join("index.html")) {
        Ok(file) => {
            let mut response = file.use_etag(true).into_response(req);
            response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-cache"));
            response
        }
        Err(_) => not_built(root),
    }
}

async fn staff(req: HttpRequest, dirs: web::Data<SpaDirs>) -> HttpResponse {
    let relative = req.match_info().get("rest").unwrap_or("");
    serve(&req, &dirs.staff, relative)
}

/// `/r/assets/…` are the resident SPA's files; `/r/{tenant}/…` its pages.
async fn resident(req: HttpRequest, dirs: web::Data<SpaDirs>) -> HttpResponse {
    let rest = req.match_info().get("rest").unwrap_or("");
    if rest.starts_with("assets/") || (!rest.contains('/') && rest.contains('.')) {
        return serve(&req, &dirs.resident, rest);
    }
    if !rest.contains('/') {
        // `/r/demo` → `/r/demo/`: relative links in the SPA need the slash.
        return HttpResponse::PermanentRedirect().insert_header((header::LOCATION, format!("/r/{rest}/"))).finish();
    }
    serve(&req, &dirs.resident, "")
}

fn redirect(to: &'static str) -> impl Fn() -> std::future::Ready<HttpResponse> + Clone {
    move || std::future::ready(HttpResponse::PermanentRedirect().insert_header((header::LOCATION, to)).finish())
}

/// Every page answers HEAD as it answers GET (without the body), for uptime checkers.
pub fn configure(config: &mut web::ServiceConfig, dirs: SpaDirs) {
    config.app_data(web::Data::new(dirs));
    for method in [web::get, web::head] {
        config
            .route("/", method().to(redirect("/staff/")))
            .route("/staff", method().to(redirect("/staff/")))
            .route("/staff/{rest:.*}", method().to(staff))
            .route("/r/{rest:.+}", method().to(resident));
    }
}
