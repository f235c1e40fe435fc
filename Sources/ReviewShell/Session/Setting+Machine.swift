import ReviewKit

extension Setting {
    /// The setting's value as a result cell: typed for machine output (a boolean, a whole number, a slug; an unset
    /// value such as `width auto` is `.absent`, null with `value_reason: "auto"`), shown in tables as `set` shows it
    /// ("on", "seed (high >8..10; …)"). docs/formats.md, "Machine output".
    func value(in settings: Settings) -> ResultValue {
        let shown = show(settings)
        let typed = machine?(settings) ?? .text(snapshot(settings))
        return typed.description == shown ? typed : .labelled(typed, display: shown)
    }
}
