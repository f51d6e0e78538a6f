using System.Numerics;

namespace Catalog.Core.Identifiers;

/// <summary>
/// Hashids v1 (python hashids 1.x) encoding of one non-negative integer of any size, default alphabet, min length 0;
/// with the catalog salt this is python-datacatalog's <c>uuid_to_hashid</c>.
/// </summary>
public sealed class Hashids
{
    /// <summary>python-datacatalog's TYPEDUUID_HASHIDS_SALT default.</summary>
    public const string DefaultSalt = "xCPJ7PKTdp8BYYb4twh9xNYD";

    private const string DefaultAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890";
    private const string DefaultSeparators = "cfhistuCFHISTU";

    /// <summary>The instance with <see cref="DefaultSalt"/>.</summary>
    public static Hashids Default { get; } = new(DefaultSalt);

    private readonly string _salt;

    // With one value the per-encode shuffle depends only on the lottery character, so each alphabet is computed once.
    private readonly Dictionary<char, string> _alphabetByLottery;

    public Hashids(string salt)
    {
        ArgumentNullException.ThrowIfNull(salt);
        _salt = salt;

        // The default alphabet always leaves 48 letters and 14 separators: ceil(48 / 3.5) = 14, so no letter ever moves
        // to the separators and the guard count is ceil(48 / 12) = 4.
        var letters = new string(DefaultAlphabet.Where(c => !DefaultSeparators.Contains(c)).ToArray());
        Separators = Shuffle(DefaultSeparators, salt);
        var shuffled = Shuffle(letters, salt);
        Guards = shuffled[..4];
        Alphabet = shuffled[4..];
        _alphabetByLottery = Alphabet.ToDictionary(c => c, c => Shuffle(Alphabet, (c + salt + Alphabet)[..Alphabet.Length]));
    }

    public string Alphabet { get; }

    public string Separators { get; }

    public string Guards { get; }

    /// <summary>The hashid of a non-negative integer.</summary>
    public string Encode(BigInteger number)
    {
        if (number.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(number), "Hashids encodes non-negative numbers only.");
        }

        var lottery = Alphabet[(int)(number % 100) % Alphabet.Length];
        var alphabet = _alphabetByLottery[lottery];
        var length = alphabet.Length;
        var body = new Stack<char>();
        do
        {
            number = BigInteger.DivRem(number, length, out var digit);
            body.Push(alphabet[(int)digit]);
        }
        while (!number.IsZero);

        return lottery + new string(body.ToArray());
    }

    /// <summary>
    /// python-datacatalog's <c>uuid_to_hashid</c>: the UUID (any form Python's <c>uuid.UUID</c> accepts) as an unsigned
    /// 128-bit integer, encoded with the default salt.
    /// </summary>
    public static string UuidToHashid(string uuid)
    {
        if (!TypedUuid.TryParseValue(uuid, out var value))
        {
            throw new FormatException($"'{uuid}' is not a UUID.");
        }

        return Default.Encode(value);
    }

    // Hashids' "consistent shuffle".
    private static string Shuffle(string text, string salt)
    {
        if (salt.Length == 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        int index = 0, sum = 0;
        for (var i = chars.Length - 1; i > 0; i--)
        {
            int v = salt[index];
            sum += v;
            var j = (v + index + sum) % i;
            (chars[i], chars[j]) = (chars[j], chars[i]);
            index = (index + 1) % salt.Length;
        }

        return new string(chars);
    }
}
