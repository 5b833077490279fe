import AlmanacCore

/// Boolean connectives with SQL three-valued logic: null and false = false, null or true = true,
/// otherwise a null operand gives null; not null = null.
public enum Logic {
    /// `a and b`.
    public static func and(_ a: Operand, _ b: Operand, count: Int) throws -> Masked<Bool> {
        try combine(a, b, count, isAnd: true)
    }

    /// `a or b`.
    public static func or(_ a: Operand, _ b: Operand, count: Int) throws -> Masked<Bool> {
        try combine(a, b, count, isAnd: false)
    }

    /// `not a`.
    public static func not(_ a: Operand, count: Int) throws -> Masked<Bool> {
        let (v, s, valid) = try side(a, count)
        let out = (0..<count).map { !v[$0 &* s] }
        return Masked(values: out, validity: valid)
    }

    /// Masked booleans as an operand.
    public static func operand(_ m: Masked<Bool>) -> Operand { .column(m.column("")) }

    package static func side(_ a: Operand, _ count: Int) throws -> ([Bool], Int, Validity) {
        switch a {
        case .column(let c):
            try checkLength(c, count)
            guard case .bool(let v) = c.storage else { throw KernelError.typeMismatch(.expectedBoolean(found: c.dataType)) }
            return (v, 1, c.validity)
        case .scalar(.bool(let x)): return ([x], 0, .allValid(count))
        case .scalar(.null): return ([false], 0, .allNull(count))
        case .scalar(let v): throw KernelError.typeMismatch(.constantNotBoolean(value: v))
        }
    }

    package static func combine(_ a: Operand, _ b: Operand, _ count: Int, isAnd: Bool) throws -> Masked<Bool> {
        let (x, sx, va) = try side(a, count)
        let (y, sy, vb) = try side(b, count)
        let wa = va.words, wb = vb.words
        var valid = zeroWords(count)
        var out = [Bool](repeating: false, count: count)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                wa.withUnsafeBufferPointer { wa in
                    wb.withUnsafeBufferPointer { wb in
                        out.withUnsafeMutableBufferPointer { o in
                            valid.withUnsafeMutableBufferPointer { w in
                                for i in 0..<count {
                                    let av = testBit(wa, i), bv = testBit(wb, i)
                                    let ax = x[i &* sx], bx = y[i &* sy]
                                    if isAnd {
                                        // Definitely false wins; true needs both known true.
                                        if (av && !ax) || (bv && !bx) { setBit(w, i) }
                                        else if av && bv { o[i] = true; setBit(w, i) }
                                    } else {
                                        if (av && ax) || (bv && bx) { o[i] = true; setBit(w, i) }
                                        else if av && bv { setBit(w, i) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Masked(values: out, validity: Validity(words: valid, count: count))
    }
}
