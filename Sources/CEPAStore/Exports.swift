/// `import CEPAStore` gives the record too: the store on disk is used with the model,
/// queries and edits it holds.
@_exported import CEPARecord
