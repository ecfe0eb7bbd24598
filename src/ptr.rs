//! `Ptr<T>`: a shared, read-only value whose props comparison is pointer identity.
//!
//! The issue never changes after start-up, so comparing it by pointer is both correct and
//! free, where `Rc`'s own `PartialEq` would compare the whole issue on every render.

use std::ops::Deref;
use std::rc::Rc;

/// A shared value compared by identity.
#[derive(Debug)]
pub struct Ptr<T>(pub Rc<T>);

impl<T> Ptr<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Ptr<T> {
        Ptr(Rc::new(value))
    }
}

impl<T> Clone for Ptr<T> {
    fn clone(&self) -> Self {
        Ptr(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Ptr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Ptr<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> yew::html::ImplicitClone for Ptr<T> {}
