/* The classic: prints one line and exits 0. Also the bundled example. */
#include <stdio.h>

int main(void)
{
    printf("Hello, world!\n");
    return 0;
}
