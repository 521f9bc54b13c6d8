namespace Regurgitate.Engine.Experiments;

public enum PositionEncoding
{
    Sinusoidal,
    Learned,
}
