using Shipgate.LocalStack.Images;

namespace Shipgate.LocalStack.Tests;

public sealed class LddOutputTests
{
    [Fact]
    public void Resolved_libraries_and_the_loader_are_listed_and_missing_ones_named()
    {
        // Shape of `ldd libcoreclr.so` on Debian 12, with one library made missing.
        const string output = """
            	linux-vdso.so.1 (0x00007ffd0b9f2000)
            	libdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f0e1b4a1000)
            	libstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f0e1b200000)
            	liblttng-ust.so.0 => not found
            	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0e1b01f000)
            	/lib64/ld-linux-x86-64.so.2 (0x00007f0e1b4c6000)
            """;

        var parsed = LddOutput.Parse(output);

        Assert.Equal(
            ["/lib/x86_64-linux-gnu/libdl.so.2", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"],
            parsed.Resolved);
        Assert.Equal(["liblttng-ust.so.0"], parsed.Missing);
    }

    [Fact]
    public void A_static_binary_needs_nothing() =>
        Assert.Empty(LddOutput.Parse("\tstatically linked\n").Resolved);
}
