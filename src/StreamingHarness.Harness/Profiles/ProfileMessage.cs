namespace StreamingHarness.Harness.Profiles;

/// <summary>
/// One event or line as a custom profile reads it. <see cref="Text"/> is decoded only when a listener wants it
/// (<see cref="Measurement.RequestTimeline.Texts"/>, verify); a load run gets <see cref="HasText"/> alone, with no allocation.
/// </summary>
internal readonly record struct ProfileMessage(ProfileMessageKind Kind, bool HasText = false, string? Text = null, string? Detail = null);
