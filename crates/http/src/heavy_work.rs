//! Requests that hold a large file in memory and spend a CPU on it — card, people and
//! postal imports, the staff CSV import, page scans — take turns: a node runs at most a
//! few of them at once, so that its memory stays bounded by that number times a body's
//! limit, however many clerks upload together. A request that cannot have a turn within
//! the wait is answered `503 server.busy` with `Retry-After`, before its body is read.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::problem::{ApiError, ProblemCode};

/// The turns of one node.
#[derive(Clone)]
pub struct HeavyWork {
    turns: Arc<Semaphore>,
    wait: Duration,
}

/// A turn, given back when dropped (the handler has answered).
pub struct Turn(#[allow(dead_code, reason = "held for its drop")] OwnedSemaphorePermit);

impl HeavyWork {
    /// `at_once` turns (at least one); a request waits at most `wait` for one.
    #[must_use]
    pub fn new(at_once: usize, wait: Duration) -> Self {
        Self { turns: Arc::new(Semaphore::new(at_once.max(1))), wait }
    }

    /// Waits for a turn.
    ///
    /// # Errors
    /// `server.busy` (503) when none came within the wait.
    pub async fn turn(&self) -> Result<Turn, ApiError> {
        match tokio::time::timeout(self.wait, Arc::clone(&self.turns).acquire_owned()).await {
            Ok(Ok(permit)) => Ok(Turn(permit)),
            // A closed semaphore cannot happen (it is never closed); answer busy all the same.
            Ok(Err(_)) | Err(_) => Err(ApiError::RateLimited {
                code: ProblemCode::ServerBusy,
                retry_after_seconds: self.wait.as_secs().clamp(5, 60),
            }),
        }
    }
}

impl Default for HeavyWork {
    /// Two at once, 30 seconds' wait.
    fn default() -> Self {
        Self::new(2, Duration::from_secs(30))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_beyond_the_turns_is_told_to_come_back() {
        let heavy = HeavyWork::new(1, Duration::ZERO);
        let first = heavy.turn().await;
        assert!(first.is_ok());
        match heavy.turn().await {
            Err(ApiError::RateLimited { code, retry_after_seconds }) => {
                assert_eq!((code, retry_after_seconds), (ProblemCode::ServerBusy, 5));
            }
            _ => panic!("a second turn while the first is held"),
        }
        drop(first);
        assert!(heavy.turn().await.is_ok(), "the turn came back when the first was done");
    }
}
