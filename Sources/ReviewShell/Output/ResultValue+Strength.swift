import ReviewKit

extension AgreementStrength {
    /// The band as machine output names it: a slug of a closed set (docs/formats.md): `poor`, `slight`, `fair`,
    /// `moderate`, `substantial`, `almost-perfect`.
    var slug: String { label.replacingOccurrences(of: " ", with: "-") }
}

extension ResultValue {
    /// A Landis & Koch band: its slug ("almost-perfect") for machines, its label ("almost perfect") for people.
    static func strength(_ strength: AgreementStrength) -> ResultValue { .labelled(.text(strength.slug), display: strength.label) }
}
