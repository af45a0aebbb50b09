import CEPARecord
/// Sentences in the register of the Committee's reports, for generated stores.
///
/// Benchmarks of search are only as honest as the text they search: words drawn
/// uniformly from a short list put every word in most records, which no real corpus
/// does. These sentences are built from phrases modelled on CEPA's recommendations, and
/// earlier phrases in each list are picked more often, so a few terms ("public
/// institutions", "digital government") are common and most are rare, as in the reports.
struct GovernanceProse {
  var rng: SplitMix64

  /// One recommendation or observation: an operative sentence and one to three more,
  /// until the text is about `bytes` long.
  mutating func paragraph(bytes: Int = 600) -> String {
    var s = sentence(Self.openings)
    while s.utf8.count < bytes - 70 {
      s += " " + following()
    }
    return s
  }

  /// "Encourages Governments to …", as in an ECOSOC resolution paragraph.
  mutating func resolutionParagraph() -> String {
    pick(Self.resolutionOpenings) + " " + operative() + "."
  }

  /// A short title: a session theme, a paper or an agenda item.
  mutating func title() -> String {
    let t = pick(Self.topics)
    return t.prefix(1).uppercased() + t.dropFirst() + (next(3) == 0 ? "" : ": " + pick(Self.subtitles))
  }

  /// Why a status changed, as a history note says it.
  mutating func note() -> String { pick(Self.notes) }

  mutating func sentence(_ openings: [String]) -> String {
    pick(openings) + " " + operative() + "."
  }

  /// "strengthen digital skills in the public sector workforce, in particular in …"
  mutating func operative() -> String {
    var s = pick(Self.verbs) + " " + pick(Self.topics)
    switch next(4) {
    case 0: s += ", in particular in " + pick(Self.places)
    case 1: s += " " + pick(Self.qualifiers)
    case 2: s += " " + pick(Self.qualifiers) + ", drawing on the experience of " + pick(Self.places)
    default: break
    }
    return s
  }

  mutating func following() -> String {
    switch next(5) {
    case 0: return "It stresses the importance of " + pick(Self.topics) + " " + pick(Self.qualifiers) + "."
    case 1: return "The Committee notes that " + pick(Self.observations) + "."
    case 2: return sentence(Self.secondOpenings)
    case 3:
      return "Such efforts should " + pick(Self.verbs) + " " + pick(Self.topics) + ", in particular in " + pick(Self.places) + "."
    default: return "Progress should be reviewed " + pick(Self.reviews) + "."
    }
  }

  /// An element of `list`, the first ones more often (roughly Zipf-like).
  mutating func pick(_ list: [String]) -> String {
    let u = Double(rng.next() >> 11) / Double(1 << 53)
    return list[min(list.count - 1, Int(Double(list.count) * u * u))]
  }

  mutating func next(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

  mutating func random() -> UInt64 { rng.next() }

  static let openings = [
    "The Committee recommends that Governments", "The Committee recommends that Member States",
    "The Committee encourages Governments to", "The Committee recommends that the Council encourage Governments to",
    "The working group recommends that public institutions", "The Committee invites the Secretariat to",
    "The Committee recommends that national and subnational governments",
    "The Committee calls on Governments and their partners to",
  ]
  static let secondOpenings = [
    "Governments should also", "Public institutions should", "The Secretariat is invited to",
    "Development partners are encouraged to", "Local governments should", "Supreme audit institutions could",
  ]
  static let resolutionOpenings = [
    "Encourages Governments to", "Invites Member States to", "Requests the Committee to",
    "Calls upon Governments to", "Stresses the need to", "Takes note of the efforts to",
  ]
  static let verbs = [
    "strengthen", "promote", "invest in", "develop", "support", "ensure", "review", "expand", "adopt", "build",
    "improve", "institutionalize", "monitor", "integrate", "prioritize", "foster", "mainstream", "safeguard",
    "modernize", "assess",
  ]
  static let topics = [
    "the capacity of public institutions", "digital government", "public service delivery",
    "transparency and accountability", "the skills of the public sector workforce", "open government data",
    "integrity and anti-corruption measures", "people-centred governance", "local governance",
    "the principles of effective governance for sustainable development", "policy coherence",
    "evidence-based policymaking", "the digital divide", "oversight of artificial intelligence in the public sector",
    "public financial management", "participatory budgeting", "resilience to crises and disasters",
    "collaboration across levels of government", "trust in public institutions", "inclusive public services",
    "data governance", "the protection of personal data", "ethical standards in the civil service",
    "public procurement", "gender equality in public administration", "access to information",
    "risk management in public institutions", "the leadership of the public sector",
    "innovation in public administration", "climate action by public institutions", "e-participation",
    "the use of algorithms in public decision-making", "the independence of oversight bodies",
    "strategic foresight", "the voluntary national reviews", "subnational capacity for the Goals",
    "connectivity in rural areas", "cybersecurity of public systems", "digital identity",
    "the retention of skilled civil servants", "merit-based recruitment", "social accountability",
  ]
  static let qualifiers = [
    "so as to leave no one behind", "in line with the 2030 Agenda for Sustainable Development",
    "through whole-of-government approaches", "with the participation of civil society",
    "taking into account the needs of women and young people", "at the national and local levels",
    "with adequate and predictable resources", "on the basis of reliable and disaggregated data",
    "while respecting human rights and privacy", "in small island developing States and least developed countries",
    "through peer learning and South-South cooperation", "with clear lines of responsibility",
  ]
  static let observations = [
    "digital technologies can widen existing divides if access and skills are unevenly distributed",
    "many public institutions lack the skills to oversee the use of artificial intelligence",
    "trust in institutions depends on transparent and accountable decision-making",
    "local governments are often closest to the people but have the fewest resources",
    "crises have tested the resilience of public services in every region",
    "reliable data remain scarce for monitoring progress on the Goals",
    "corruption undermines public confidence and diverts resources from essential services",
    "a motivated and skilled workforce is central to effective public administration",
  ]
  static let reviews = [
    "in the voluntary national reviews", "at the high-level political forum", "by the Committee at its next session",
    "through independent evaluation", "with the participation of supreme audit institutions",
    "using the indicators of the principles of effective governance",
  ]
  static let subtitles = [
    "lessons from national experience", "a framework for action", "challenges and opportunities",
    "the way forward", "building institutional capacity", "issues for the Committee's consideration",
  ]
  static let notes = [
    "Taken up in the Council's resolution on the report", "Reported in the Secretariat's progress note",
    "No follow-up found in the voluntary national reviews", "Superseded by a later recommendation of the Committee",
    "Implementation reported by several Member States", "Under review by the working group",
    "Discussed at the regional workshop", "Confirmed in the annual report",
  ]
  static let places = [
    "least developed countries", "small island developing States", "Africa", "Côte d'Ivoire",
    "landlocked developing countries", "数字政府 (digital government)", "Latin America and the Caribbean",
    "الحوكمة الرقمية (digital governance)", "Viet Nam", "São Tomé and Príncipe", "middle-income countries",
    "Türkiye", "人工智能治理 (AI governance)", "countries in conflict and post-conflict situations", "Bogotá",
    "the Lao People's Democratic Republic", "Nairobi", "المملكة الأردنية الهاشمية", "Genève", "Zürich",
  ]
}
