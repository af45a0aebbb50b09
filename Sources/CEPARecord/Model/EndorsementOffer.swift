/// A paragraph of a resolution the Council adopted after a recommendation's session,
/// linked to that recommendation, is the Council taking it up: linking one offers to set
/// the recommendation `endorsed` as of the adoption, in the same step (the dashboard's
/// `L` asks; `cepa link` asks on a terminal, or takes `--endorse`).
public enum EndorsementOffer {
  /// The day to set `endorsed` as of, when the offer applies: the recommendation is
  /// still `proposed`, and the resolution's adoption, its date known, is not before the
  /// recommendation's session opened.
  public static func date(recommendation id: String, resolution: String, in store: Store) -> String? {
    guard let at = store.locate(id, kind: .recommendations),
      store.sessions[at.session].recommendations[at.record].status == .proposed,
      let found = store.resolution(symbol: resolution), let adopted = found.resolution.adopted,
      !StrictChecks.precedes(found.resolution, filedWith: found.session, session: store.sessions[at.session])
    else { return nil }
    return adopted
  }

  /// The history note of the status change made with the link.
  public static func note(resolution: String, paragraph: Int) -> String {
    "Endorsed by ECOSOC resolution \(resolution), para. \(paragraph)"
  }
}
