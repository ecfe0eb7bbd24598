//! Tests of the importer on the real issue's text and on texts derived from it.
