namespace Shipgate.LocalStack.Images;

public sealed class ImageContextException(string message) : Exception(message);
